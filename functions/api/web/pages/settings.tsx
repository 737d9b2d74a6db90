import type { Hono } from 'hono';
import type { AppDeps } from '../../deps.js';
import { CHANNEL_LABELS, CHANNELS, PreferencesChange } from '../../../../shared/domain/preferences.js';
import type { FieldError } from '../../../../shared/errors.js';
import * as preferences from '../../../../shared/use-cases/preferences.js';
import { Button, Choices, DoneBanner, fieldsFor, PostForm } from '../components.js';
import { page, type WebContext, type WebEnv } from '../context.js';
import { friendly, parseForm, typedValues, type Values } from '../forms.js';
import { Layout } from '../layout.js';
import { Panel } from '../patterns.js';

/*
 * How each member of staff is told of each kind of notification (`/app/settings/notifications`), and the
 * page an email's "stop these emails" link opens (`/unsubscribe`, without signing in: the link is signed).
 */

const DONE = { saved: 'Your email settings are saved' };

async function renderSettings(c: WebContext, deps: AppDeps, values: Values | undefined, errors?: FieldError[], status?: number) {
  const current = await preferences.getPreferences(deps, c.get('actor'));
  const shown = values ?? { channels: Object.fromEntries(current.kinds.map((k) => [k.kind, k.channel])) };
  const f = fieldsFor(shown, errors);
  return page(
    c,
    { title: 'Email settings', current: '/app/settings/notifications', errors, status },
    <>
      <DoneBanner c={c} messages={DONE} />
      <h1 class="govuk-heading-l">Email settings</h1>
      <p class="govuk-body">
        Everything Routeway tells you is in your{' '}
        <a class="govuk-link" href="/app/notifications">
          notifications
        </a>
        . Choose which you are also emailed about, straight away or in one email each morning.
      </p>
      <p class="govuk-body">
        Emails say only what kind of thing happened, with a link to Routeway: never a participant’s, an employer’s or a colleague’s details.
      </p>
      <PostForm c={c} action="/app/settings/notifications">
        {current.kinds.map((k) => (
          <Choices
            {...f.choice(`channels.${k.kind}`)}
            kind="radios"
            legend={k.label}
            options={CHANNELS.map(
              (ch) => [ch, CHANNEL_LABELS[ch], ch === k.default ? 'Unless you choose, this is what you get' : undefined] as const,
            )}
            small
          />
        ))}
        <Button>Save email settings</Button>
      </PostForm>
    </>,
  );
}

/** A bad token: one Routeway did not sign, or a link cut short by a mail program. */
const badLink = (c: WebContext) =>
  c.html(
    <Layout title="This link does not work">
      <h1 class="govuk-heading-l">This link does not work</h1>
      <p class="govuk-body">
        The link may have been cut short. Copy the whole link from the email, or sign in to Routeway and choose what you are emailed about
        in your email settings.
      </p>
      <p class="govuk-body">
        <a class="govuk-link" href="/app/settings/notifications">
          Go to your email settings
        </a>
      </p>
    </Layout>,
    404,
  );

export function settingsPages(web: Hono<WebEnv>, deps: AppDeps): void {
  web.get('/app/settings/notifications', (c) => renderSettings(c, deps, undefined));

  web.post('/app/settings/notifications', async (c) => {
    const raw = await c.req.parseBody({ all: true });
    const parsed = parseForm(PreferencesChange, raw);
    if (!parsed.ok) return renderSettings(c, deps, typedValues(raw), friendly(parsed.errors, parsed.values), 400);
    await preferences.setPreferences(deps, c.get('actor'), parsed.value);
    return c.redirect('/app/settings/notifications?done=saved', 303);
  });

  // Opening the link only asks (mail scanners open links); the button, or a mail program's own
  // one-click unsubscribe (RFC 8058, a POST with no cookies), stops the emails. The signed token is
  // the only authority, so there is no session and no CSRF field to check.
  web.get('/unsubscribe', async (c) => {
    const token = c.req.query('t') ?? '';
    const req = await preferences.readUnsubscribe(deps, token);
    if (!req) return badLink(c);
    return c.html(
      <Layout title="Stop these emails">
        <h1 class="govuk-heading-l">Stop these emails</h1>
        <p class="govuk-body">You will no longer be emailed about {req.what}. You will still see them in your Routeway notifications.</p>
        <form method="post" action={`/unsubscribe?t=${encodeURIComponent(token)}`} novalidate>
          <Button>Stop these emails</Button>
        </form>
      </Layout>,
    );
  });

  web.post('/unsubscribe', async (c) => {
    const done = await preferences.unsubscribe(deps, c.req.query('t') ?? '');
    if (!done) return badLink(c);
    return c.html(
      <Layout title="Emails stopped">
        <Panel title="Emails stopped">You will no longer be emailed about {done.what}</Panel>
        <p class="govuk-body">
          They are still in your Routeway notifications. To choose again, sign in and go to your{' '}
          <a class="govuk-link" href="/app/settings/notifications">
            email settings
          </a>
          .
        </p>
      </Layout>,
    );
  });
}
