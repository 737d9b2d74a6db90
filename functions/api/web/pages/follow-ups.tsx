import type { Hono } from 'hono';
import * as employers from '../../../../shared/use-cases/employers.js';
import type { AppDeps } from '../../deps.js';
import type { WebContext, WebEnv } from '../context.js';
import { PostForm } from '../components.js';

/* A promised follow-up, kept: one button wherever a follow-up is listed, and the route it posts to. */

/** Where the button came from, so the officer goes back there: their start page or the employer's log. */
const backTo = (back: unknown, employerId: string) => (back === 'home' ? '/app' : `/app/employers/${employerId}`);

export function MarkFollowUpDone({
  c,
  employerId,
  interactionId,
  back,
  label,
}: {
  c: WebContext;
  employerId: string;
  interactionId: string;
  back: 'home' | 'employer';
  label: string;
}) {
  return (
    <PostForm c={c} action={`/app/employers/${employerId}/interactions/${interactionId}/follow-up-done`}>
      <input type="hidden" name="back" value={back} />
      <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
        Mark done<span class="govuk-visually-hidden"> (follow-up with {label})</span>
      </button>
    </PostForm>
  );
}

export function followUpPages(web: Hono<WebEnv>, deps: AppDeps): void {
  web.post('/app/employers/:id/interactions/:iid/follow-up-done', async (c) => {
    const id = c.req.param('id');
    await employers.completeFollowUp(deps, c.get('actor'), id, c.req.param('iid'));
    const form = await c.req.parseBody({ all: true });
    return c.redirect(`${backTo(form.back, id)}?done=follow-up${form.back === 'home' ? '' : '#interactions'}`, 303);
  });
}
