import type { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import { SESSION_COOKIE } from '../session.js';
import type { WebEnv } from '../context.js';
import { Layout } from '../layout.js';

/* The service's own information pages, linked from every page's footer and readable without signing in. */

const Info = ({ title, children }: { title: string; children: Child }) => (
  <Layout title={title}>
    <h1 class="govuk-heading-l">{title}</h1>
    {children}
  </Layout>
);

const H2 = ({ children }: { children: Child }) => <h2 class="govuk-heading-m">{children}</h2>;
const P = ({ children }: { children: Child }) => <p class="govuk-body">{children}</p>;
const Bullets = ({ items }: { items: Child[] }) => (
  <ul class="govuk-list govuk-list--bullet">
    {items.map((i) => (
      <li>{i}</li>
    ))}
  </ul>
);

export function informationPages(web: Hono<WebEnv>): void {
  web.get('/help', (c) =>
    c.html(
      <Info title="Help and contact">
        <P>
          Routeway is used by employment programme staff (employer liaison officers, advisers and administrators) and by the employers they
          work with. Help comes from the organisation that gave you your account.
        </P>
        <H2>If you work for the programme</H2>
        <Bullets
          items={[
            'For your sign-in, your role or your caseload, ask your Routeway administrator (your organisation’s service desk).',
            'If a page shows something you think you should not see, stop, note the page address and tell your administrator at once: it will be treated as a possible data breach.',
            'If the service says it is busy, wait a minute and try again. Nothing you entered in a form that failed has been saved.',
          ]}
        />
        <H2>If you are an employer</H2>
        <Bullets
          items={[
            'Your account manager (the liaison officer named on your vacancies) can help with candidates, interviews and vacancies.',
            'Candidates are shown by reference only, with just what they chose to share. Their adviser and your account manager can answer questions about them.',
          ]}
        />
        <H2>If you are on the programme</H2>
        <P>
          Talk to your adviser. You can ask to see everything held about you, to correct it, or to have it erased: see the{' '}
          <a class="govuk-link" href="/privacy">
            privacy notice
          </a>
          .
        </P>
        <H2>Reporting a security problem</H2>
        <P>Email security@routeway.example. Please do not test against live data.</P>
      </Info>,
    ),
  );

  web.get('/accessibility', (c) =>
    c.html(
      <Info title="Accessibility statement for Routeway">
        <P>
          This statement applies to the Routeway web pages. We want as many people as possible to be able to use them: you should be able to
          change colours, contrast and fonts, zoom in up to 400% without the text spilling off the screen, get from the start of a task to
          the end using just a keyboard, and use the service with a screen reader.
        </P>
        <H2>How accessible the service is</H2>
        <P>
          The pages are built with the GOV.UK Design System's components and patterns, work without JavaScript, and are checked with axe on
          every page of the journey our tests walk through, for every role, with no violations allowed. We know of these limits:
        </P>
        <Bullets
          items={[
            'Some long tables (the fairness report, long caseloads) scroll sideways inside their box on a narrow phone screen rather than reflowing.',
            'The funnel chart is an image with a text description and the same figures in a table beside it.',
          ]}
        />
        <H2>Feedback and contact information</H2>
        <P>
          If you find a problem, or need information in another format, tell your Routeway administrator or your account manager (see{' '}
          <a class="govuk-link" href="/help">
            help and contact
          </a>
          ). We aim to reply within 5 working days.
        </P>
        <H2>Enforcement procedure</H2>
        <P>
          The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites and Mobile
          Applications) (No. 2) Accessibility Regulations 2018. If you are not happy with how we respond to your complaint, contact the
          Equality Advisory and Support Service (EASS).
        </P>
        <H2>Compliance status</H2>
        <P>
          This service is partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard, because of the limits
          listed above. This statement was prepared on 1 December 2026 from automated checks (axe) and a manual keyboard-only walk through
          one form; a full audit by specialists has not been done yet.
        </P>
      </Info>,
    ),
  );

  web.get('/privacy', (c) =>
    c.html(
      <Info title="Privacy notice">
        <P>
          Routeway holds information about people on employment programmes, the staff who support them, and the employers they work with.
          The provider organisation that runs your programme is the data controller.
        </P>
        <H2>What we hold about participants, and why</H2>
        <Bullets
          items={[
            'Your name, contact details, skills, certificates, work history, job preferences, how ready for work your adviser judges you, and your home postcode: to suggest jobs that suit you.',
            'If you choose to tell your adviser: health, disability, convictions, housing, caring and benefit limits. Only your own adviser and administrators can see these. Matching uses some of them (for example, hours you may work) without anyone else seeing them.',
            'Your consent choices: whether you agree to be matched, and what an employer may see about you when you agree to be put forward. Employers never see more than you chose.',
            'What happens with each job you are put forward for, and your progress in work at 13 and 26 weeks.',
          ]}
        />
        <H2>Who sees what</H2>
        <P>
          Your adviser sees all of your record. Liaison officers, who work with employers, see what matching needs (your skills and
          availability, for example), never your sensitive details or anything you have not chosen to share. Employers see a reference, not
          your name unless you agree, and only the fields you chose. Every time someone reads your sensitive details, it is recorded.
        </P>
        <H2>How long we keep it</H2>
        <P>Two years after you leave the programme, your personal data is erased automatically. Anonymous counts are kept for reports.</P>
        <H2>Your rights</H2>
        <Bullets
          items={[
            'See everything held about you (your adviser can give you a copy).',
            'Correct anything wrong, change your consent choices at any time, or withdraw consent to be matched: it takes effect at once.',
            'Ask for your data to be erased.',
            'Complain to the Information Commissioner’s Office (ico.org.uk) if you are unhappy with how your data is handled.',
          ]}
        />
        <H2>Staff and employer users</H2>
        <P>
          We hold your name, email address, role and organisation to give you an account, and a record of what you do in the service (for
          example, who read a participant's sensitive details and when) to keep participants' data safe.
        </P>
      </Info>,
    ),
  );

  web.get('/cookies', (c) =>
    c.html(
      <Info title="Cookies">
        <P>
          Routeway puts small files (known as cookies) on your computer. It uses only the cookies it needs to work, so it does not ask for
          your consent. There are no analytics or advertising cookies.
        </P>
        <section class="rw-scroll" aria-label="Essential cookies" tabindex={0}>
          <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--m">Essential cookies</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">
                  Name
                </th>
                <th scope="col" class="govuk-table__header">
                  Purpose
                </th>
                <th scope="col" class="govuk-table__header">
                  Expires
                </th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">{SESSION_COOKIE}</td>
                <td class="govuk-table__cell">Keeps you signed in, so each page knows who you are</td>
                <td class="govuk-table__cell">8 hours, or when you sign out</td>
              </tr>
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">rw_sign_in</td>
                <td class="govuk-table__cell">Protects the sign-in form from being sent by another website</td>
                <td class="govuk-table__cell">1 hour</td>
              </tr>
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">rw_oauth</td>
                <td class="govuk-table__cell">Remembers your sign-in while you are at the sign-in service</td>
                <td class="govuk-table__cell">10 minutes</td>
              </tr>
            </tbody>
          </table>
        </section>
      </Info>,
    ),
  );
}
