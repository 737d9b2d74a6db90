import { createRoute, z } from '@hono/zod-openapi';
import { Int, ListQuery, pageOf } from '../../../shared/domain/common.js';
import { Notification, NotificationId } from '../../../shared/domain/submission.js';
import type { Deps } from '../../../shared/use-cases/deps.js';
import * as notifications from '../../../shared/use-cases/notifications.js';
import type { App } from '../env.js';
import { actorOf, errorResponses, json, noBody, security } from './common.js';

/** Each signed-in user's own in-app inbox. */
export function notificationRoutes(app: App, deps: Deps): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/notifications',
      tags: ['Notifications'],
      summary: 'Your in-app inbox, newest first',
      security,
      request: {
        query: ListQuery.extend({
          unread: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
        }),
      },
      responses: {
        200: json(pageOf(Notification, 'NotificationPage'), 'A page of notifications'),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await notifications.listNotifications(deps, actorOf(c), c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/notifications/{id}/read',
      tags: ['Notifications'],
      summary: 'Mark one of your notifications read',
      security,
      request: { params: z.object({ id: NotificationId }), ...noBody },
      responses: { 200: json(Notification, 'The notification'), ...errorResponses },
    }),
    async (c) => c.json(await notifications.markRead(deps, actorOf(c), c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/notifications/read-all',
      tags: ['Notifications'],
      summary: 'Mark every unread notification of yours read',
      description: 'At most 500 in one call, newest first; says how many it marked.',
      security,
      request: { ...noBody },
      responses: { 200: json(z.object({ marked: Int(0, notifications.MARK_ALL_LIMIT) }), 'How many were marked'), ...errorResponses },
    }),
    async (c) => c.json(await notifications.markAllRead(deps, actorOf(c)), 200),
  );
}
