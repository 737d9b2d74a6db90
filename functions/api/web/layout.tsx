import type { Child } from 'hono/jsx';
import type { Actor } from '../../../shared/domain/actor.js';
import type { FieldError } from '../../../shared/errors.js';
import { sayError } from './wording.js';

export interface PageMeta {
  title: string;
  actor?: Actor;
  /** The signed-in user's name, from the staff directory (their id when it does not know them). */
  userName?: string;
  csrf?: string;
  /** The nav entry to mark as current. */
  current?: string;
  errors?: FieldError[];
}

/** Liaison officers and admins share the staff pages. */
const STAFF_NAV = [
  { href: '/app', label: 'My employers' },
  { href: '/app/employers', label: 'Find an employer' },
  { href: '/app/vacancies', label: 'Vacancies' },
  { href: '/app/cohorts', label: 'Cohorts' },
  { href: '/app/participants', label: 'Find a participant' },
  { href: '/app/reports', label: 'Reports' },
  { href: '/app/staff', label: 'Colleagues' },
  { href: '/app/supply-chain', label: 'Supply chain' },
  { href: '/app/notifications', label: 'Notifications' },
  { href: '/app/settings/notifications', label: 'Email settings' },
];

const NAV: Record<string, { href: string; label: string }[]> = {
  liaison: STAFF_NAV,
  // An admin's start page is the administration page (also at /app, unless they manage employer accounts):
  // what needs them is users, transfers and retention.
  admin: [{ href: '/app/admin', label: 'Administration' }, ...STAFF_NAV.slice(1), { href: '/app/admin/skills', label: 'Skills list' }],
  adviser: [
    { href: '/app', label: 'My caseload' },
    { href: '/app/vacancies', label: 'Vacancies' },
    { href: '/app/cohorts', label: 'Cohorts' },
    { href: '/app/staff', label: 'Colleagues' },
    { href: '/app/supply-chain', label: 'Supply chain' },
    { href: '/app/notifications', label: 'Notifications' },
    { href: '/app/settings/notifications', label: 'Email settings' },
  ],
  employer: [
    { href: '/app', label: 'My vacancies' },
    { href: '/app/organisation', label: 'Our details' },
    { href: '/app/notifications', label: 'Notifications' },
  ],
};

/** The field's id on the page, so the error summary can link to it (`hoursPerWeek.min` → `hoursPerWeek-min`). */
export const fieldId = (path: string) => path.replace(/[^A-Za-z0-9_-]+/g, '-');

/** GOV.UK error summary: every error, each linking to its field, said as beside the field (wording.ts). */
export function ErrorSummary({ errors }: { errors?: FieldError[] }) {
  if (!errors?.length) return null;
  return (
    <div class="govuk-error-summary" data-module="govuk-error-summary">
      <div role="alert">
        <h2 class="govuk-error-summary__title">There is a problem</h2>
        <div class="govuk-error-summary__body">
          <ul class="govuk-list govuk-error-summary__list">
            {errors.map((e) => (
              <li>
                <a href={`#${fieldId(e.path)}`}>{sayError(e)}</a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

/** A readable name for a field path (`hoursPerWeek.min` → "Hours per week min"). */
export function label(path: string): string {
  const words = path
    .replace(/\./g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The footer's support links: the service's own information pages, and the API reference. */
export const FOOTER_LINKS: [string, string][] = [
  ['/help', 'Help and contact'],
  ['/accessibility', 'Accessibility statement'],
  ['/privacy', 'Privacy notice'],
  ['/cookies', 'Cookies'],
  ['/docs', 'API reference'],
];

/** The GOV.UK page template: header with the service name, phase banner, navigation, main, footer. */
export function Layout(props: PageMeta & { children?: Child }) {
  const nav = props.actor ? (NAV[props.actor.role] ?? []) : [];
  return (
    <html lang="en" class="govuk-template govuk-template--rebranded">
      <head>
        <meta charset="utf-8" />
        <title>{props.errors?.length ? `Error: ${props.title}` : props.title} – Routeway</title>
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <link rel="icon" sizes="48x48" href="/assets/images/favicon.ico" />
        <link rel="stylesheet" href="/assets/govuk-frontend.min.css" />
        <link rel="stylesheet" href="/assets/routeway.css" />
      </head>
      <body class="govuk-template__body">
        {/* GOV.UK Frontend's start-up class, from our own origin: the Content-Security-Policy allows no inline script. */}
        <script src="/assets/js-enabled.js"></script>
        <a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">
          Skip to main content
        </a>
        {/* One banner landmark holds the header, the service navigation and the phase banner (axe: all content in landmarks). */}
        <header class="govuk-template__header">
          <div class="govuk-header" data-module="govuk-header">
            <div class="govuk-header__container govuk-width-container">
              <div class="govuk-header__logo">
                <a href="/app" class="govuk-header__homepage-link">
                  <span class="govuk-header__product-name">Routeway</span>
                </a>
              </div>
            </div>
          </div>
          <section aria-label="Service information" class="govuk-service-navigation" data-module="govuk-service-navigation">
            <div class="govuk-width-container">
              <div class="govuk-service-navigation__container">
                <span class="govuk-service-navigation__service-name">
                  <a href="/app" class="govuk-service-navigation__link">
                    Employer engagement and vacancy matching
                  </a>
                </span>
                {nav.length ? (
                  <nav aria-label="Menu" class="govuk-service-navigation__wrapper">
                    {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: GOV.UK Frontend's own markup; its script shows the toggle (and clears aria-hidden) on narrow screens */}
                    <button
                      type="button"
                      class="govuk-service-navigation__toggle govuk-js-service-navigation-toggle"
                      aria-controls="navigation"
                      hidden
                      aria-hidden="true"
                    >
                      Menu
                    </button>
                    <ul class="govuk-service-navigation__list" id="navigation">
                      {nav.map((n) => (
                        <li
                          class={`govuk-service-navigation__item${props.current === n.href ? ' govuk-service-navigation__item--active' : ''}`}
                        >
                          <a
                            class="govuk-service-navigation__link"
                            href={n.href}
                            aria-current={props.current === n.href ? 'page' : undefined}
                          >
                            {props.current === n.href ? (
                              <strong class="govuk-service-navigation__active-fallback">{n.label}</strong>
                            ) : (
                              n.label
                            )}
                          </a>
                        </li>
                      ))}
                      <li class="govuk-service-navigation__item">
                        <form method="post" action="/sign-out" class="rw-inline-form">
                          <input type="hidden" name="csrf" value={props.csrf ?? ''} />
                          <button class="rw-link-button govuk-service-navigation__link" type="submit">
                            Sign out ({props.userName ?? props.actor?.sub})
                          </button>
                        </form>
                      </li>
                    </ul>
                  </nav>
                ) : null}
              </div>
            </div>
          </section>
          <div class="govuk-width-container">
            <div class="govuk-phase-banner">
              <p class="govuk-phase-banner__content">
                <strong class="govuk-tag govuk-phase-banner__content__tag">Alpha</strong>
                <span class="govuk-phase-banner__text">This is a new service. Matches are recommendations: you decide.</span>
              </p>
            </div>
          </div>
        </header>
        <div class="govuk-width-container">
          <main class="govuk-main-wrapper" id="main-content">
            <ErrorSummary errors={props.errors} />
            {props.children}
          </main>
        </div>
        <footer class="govuk-footer">
          <div class="govuk-width-container">
            <div class="govuk-footer__meta">
              <div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
                <h2 class="govuk-visually-hidden">Support links</h2>
                <ul class="govuk-footer__inline-list">
                  {FOOTER_LINKS.map(([href, text]) => (
                    <li class="govuk-footer__inline-list-item">
                      <a class="govuk-footer__link" href={href}>
                        {text}
                      </a>
                    </li>
                  ))}
                </ul>
              </div>
            </div>
          </div>
        </footer>
        <script type="module" src="/assets/init.js"></script>
      </body>
    </html>
  );
}
