import type { Hono } from 'hono';
import type { AppDeps } from '../../deps.js';
import type { Actor } from '../../../../shared/domain/actor.js';
import type { Notification } from '../../../../shared/domain/submission.js';
import { DomainError } from '../../../../shared/errors.js';
import * as notifications from '../../../../shared/use-cases/notifications.js';
import * as placements from '../../../../shared/use-cases/placements.js';
import * as submissions from '../../../../shared/use-cases/submissions.js';
import { DoneBanner, fmtDateTime, NextPage, PostForm, Tag } from '../components.js';
import { page, type WebEnv } from '../context.js';

const PAGE_SIZE = 25;

/**
 * A notification's link is an API path (`/submissions/…`, `/placements/…`, `/employers/…`, `/cohorts/…`). On the pages
 * it becomes the page where the reader acts on it: for advisers the participant, for staff the vacancy
 * or employer. A link that cannot be resolved (a record the reader may no longer see) is left off.
 */
async function pageLink(deps: AppDeps, actor: Actor, link: string | undefined): Promise<string | undefined> {
  if (!link) return undefined;
  const [, kind, id] = /^\/(submissions|placements|employers|vacancies|participants|cohorts)\/([^/?#]+)$/.exec(link) ?? [];
  if (!kind || !id) return undefined;
  try {
    switch (kind) {
      case 'submissions': {
        const s = await submissions.getSubmission(deps, actor, id);
        if (actor.role === 'adviser' && 'participantId' in s) return `/app/participants/${s.participantId}`;
        return `/app/vacancies/${s.vacancyId}`;
      }
      case 'placements': {
        const p = await placements.getPlacement(deps, actor, id);
        return actor.role === 'adviser' || actor.role === 'admin'
          ? `/app/participants/${p.participantId}`
          : `/app/vacancies/${p.vacancyId}`;
      }
      case 'employers':
        return actor.role === 'liaison' || actor.role === 'admin' ? `/app/employers/${id}` : undefined;
      case 'vacancies':
        return `/app/vacancies/${id}`;
      case 'participants':
        return actor.role === 'employer' ? undefined : `/app/participants/${id}`;
      case 'cohorts':
        return actor.role === 'employer' ? undefined : `/app/cohorts/${id}`;
      default:
        return undefined;
    }
  } catch (err) {
    // Gone, or no longer theirs to see: show the notification without a link.
    if (err instanceof DomainError && err.status < 500) return undefined;
    throw err;
  }
}

/** Each link resolved once per page, however many notifications share it. */
async function pageLinks(deps: AppDeps, actor: Actor, items: Notification[]): Promise<Map<string, string | undefined>> {
  const unique = [...new Set(items.map((n) => n.link).filter((l): l is string => !!l))];
  const resolved = await Promise.all(unique.map((l) => pageLink(deps, actor, l)));
  return new Map(unique.map((l, i) => [l, resolved[i]]));
}

/** Where a "mark as read" goes back to: this inbox, with its own query only (never a header-breaking or foreign address). */
const backTo = (back: unknown) =>
  typeof back === 'string' && /^\/app\/notifications(\?[A-Za-z0-9=&%._~-]*)?$/.test(back) ? back : '/app/notifications';

export function inboxPages(web: Hono<WebEnv>, deps: AppDeps): void {
  web.get('/app/notifications', async (c) => {
    const actor = c.get('actor');
    const cursor = c.req.query('cursor') || undefined;
    const unread = c.req.query('unread') === 'true';
    const inbox = await notifications.listNotifications(deps, actor, { limit: PAGE_SIZE, cursor, unread });
    const links = await pageLinks(deps, actor, inbox.items);
    const here = `/app/notifications${unread ? '?unread=true' : ''}`;
    const withQuery = (q: Record<string, string | undefined>) => {
      const params = new URLSearchParams(
        Object.entries({ ...(unread ? { unread: 'true' } : {}), ...q }).filter((e): e is [string, string] => !!e[1]),
      );
      const s = params.toString();
      return `/app/notifications${s ? `?${s}` : ''}`;
    };
    return page(
      c,
      { title: 'Notifications', current: '/app/notifications' },
      <>
        <DoneBanner
          c={c}
          messages={{
            read: 'Marked as read',
            'read-all': 'All your notifications are marked as read',
            'none-unread': 'You had no unread notifications',
          }}
        />
        <h1 class="govuk-heading-l">Notifications</h1>
        {inbox.items.some((n) => !n.readAt) ? (
          <PostForm c={c} action="/app/notifications/read-all">
            <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
              Mark all as read
            </button>
          </PostForm>
        ) : null}
        <p class="govuk-body">
          {unread ? (
            <>
              Showing unread notifications only.{' '}
              <a class="govuk-link" href="/app/notifications">
                Show all notifications
              </a>
            </>
          ) : (
            <>
              Showing all notifications, newest first.{' '}
              <a class="govuk-link" href="/app/notifications?unread=true">
                Show unread only
              </a>
            </>
          )}
        </p>
        {inbox.items.length === 0 ? (
          <p class="govuk-body">
            {cursor ? 'No more notifications.' : unread ? 'You have no unread notifications.' : 'You have no notifications yet.'}
          </p>
        ) : (
          <ul class="govuk-list" aria-label="Notifications">
            {inbox.items.map((n, i) => {
              const href = n.link ? links.get(n.link) : undefined;
              return (
                <li>
                  <h2 class="govuk-heading-s govuk-!-margin-bottom-1" id={`notification-${i}`}>
                    {!n.readAt ? (
                      <>
                        <Tag colour="blue">New</Tag>{' '}
                      </>
                    ) : null}
                    {href ? (
                      <a class="govuk-link" href={href}>
                        {n.title}
                      </a>
                    ) : (
                      n.title
                    )}
                  </h2>
                  {n.body ? <p class="govuk-body govuk-!-margin-bottom-1">{n.body}</p> : null}
                  <p class="govuk-body-s govuk-!-margin-bottom-2">{fmtDateTime(n.createdAt)}</p>
                  {!n.readAt ? (
                    <PostForm c={c} action={`/app/notifications/${encodeURIComponent(n.id)}/read`}>
                      <input type="hidden" name="back" value={withQuery({ cursor })} />
                      <button
                        type="submit"
                        class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                        data-module="govuk-button"
                        aria-describedby={`notification-${i}`}
                      >
                        Mark as read
                      </button>
                    </PostForm>
                  ) : null}
                  <hr class="govuk-section-break govuk-section-break--m govuk-section-break--visible" />
                </li>
              );
            })}
          </ul>
        )}
        <NextPage href={inbox.nextCursor ? withQuery({ cursor: inbox.nextCursor }) : undefined} />
        {cursor ? (
          <p class="govuk-body">
            <a class="govuk-link" href={here}>
              Back to the newest
            </a>
          </p>
        ) : null}
      </>,
    );
  });

  web.post('/app/notifications/read-all', async (c) => {
    const { marked } = await notifications.markAllRead(deps, c.get('actor'));
    return c.redirect(`/app/notifications?done=${marked ? 'read-all' : 'none-unread'}`, 303);
  });

  web.post('/app/notifications/:id/read', async (c) => {
    const actor = c.get('actor');
    await notifications.markRead(deps, actor, c.req.param('id'));
    const form = await c.req.parseBody({ all: true });
    return c.redirect(`${backTo(form.back)}${backTo(form.back).includes('?') ? '&' : '?'}done=read`, 303);
  });
}
