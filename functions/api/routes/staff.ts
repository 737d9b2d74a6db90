import { createRoute, z } from '@hono/zod-openapi';
import { ROLES } from '../../../shared/domain/actor.js';
import { Count, Cursor, ListQuery, pageOf, Said, UserId } from '../../../shared/domain/common.js';
import { Channel, KINDS, PreferencesChange } from '../../../shared/domain/preferences.js';
import { Deactivation, Handover, NewStaffMember, StaffAuditEntry, StaffChange, StaffMember } from '../../../shared/domain/staff.js';
import type { Deps } from '../../../shared/use-cases/deps.js';
import * as preferences from '../../../shared/use-cases/preferences.js';
import * as staff from '../../../shared/use-cases/staff.js';
import type { App } from '../env.js';
import { actorOf, errorResponses, IdempotencyHeader, json, jsonBody, noBody, security, writeErrorResponses } from './common.js';

const tags = ['Staff'];

const StaffParam = z.object({ id: UserId.meta({ param: { name: 'id', in: 'path' } }) });

const StaffPage = z.object({ items: z.array(StaffMember).max(100), nextCursor: Cursor.nullable() }).meta({ id: 'StaffPage' });

const HandoverResult = z
  .object({
    received: z.array(z.object({ userId: UserId, participants: Count, employers: Count })).max(40),
    participants: Count.meta({ description: 'Participants moved' }),
    employers: Count.meta({ description: 'Employer accounts moved' }),
  })
  .meta({ id: 'HandoverResult' });

const PreferenceList = z
  .object({
    kinds: z
      .array(
        z.object({
          kind: z.enum(KINDS as [string, ...string[]]),
          label: Said(200),
          channel: Channel,
          default: Channel,
          chosen: z.boolean().meta({ description: 'False: the default applies' }),
        }),
      )
      .max(KINDS.length),
  })
  .meta({ id: 'NotificationPreferences' });

/**
 * The staff directory (in AWS the Cognito user pool): colleagues for everyone who works here; adding,
 * changing, deactivating users and handing a leaver's work on for admins. And each member of staff's
 * own choice of how they are told of notifications.
 */
export function staffRoutes(app: App, deps: Deps): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/staff',
      // Named here: "staff" is its own plural, so the derived name would be getStaff, as for one member.
      operationId: 'listStaff',
      tags,
      summary: 'The staff directory',
      description:
        'Colleagues in name order: name, email, role, team, phone. `q` matches the start of any word of the name, or the start of the email. ' +
        'Admins also see employer users and, with `includeInactive=true`, people who have been deactivated.',
      security,
      request: {
        query: ListQuery.extend({
          q: Said(100).optional(),
          role: z.enum(ROLES).optional(),
          team: Said(80).optional(),
          includeInactive: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
        }),
      },
      responses: { 200: json(StaffPage, 'A page of the directory'), ...errorResponses },
    }),
    async (c) => c.json(await staff.listStaff(deps, actorOf(c), c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/staff',
      tags,
      summary: 'Add a user (admins)',
      description:
        'Creates the user in the directory, which sends them an invitation to sign in (in AWS, Cognito’s email with a temporary password). ' +
        'An email address already in use is a 409.',
      security,
      request: { headers: IdempotencyHeader, ...jsonBody(NewStaffMember) },
      responses: { 201: json(StaffMember, 'The new user'), ...writeErrorResponses },
    }),
    async (c) => c.json(await staff.addStaff(deps, actorOf(c), c.req.valid('json')), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/staff/{id}',
      tags,
      summary: 'One member of staff',
      security,
      request: { params: StaffParam },
      responses: { 200: json(StaffMember, 'The user'), ...errorResponses },
    }),
    async (c) => c.json(await staff.getStaff(deps, actorOf(c), c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/staff/{id}',
      tags,
      summary: 'Change a user’s name, role, team or phone (admins)',
      description:
        'A new role takes effect when they next sign in: tokens issued before the change are refused within a minute. ' +
        'Admins cannot change their own role (422), nor turn an employer user into staff or back (422).',
      security,
      request: { params: StaffParam, ...jsonBody(StaffChange) },
      responses: { 200: json(StaffMember, 'The user as changed'), ...writeErrorResponses },
    }),
    async (c) => c.json(await staff.changeStaff(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/staff/{id}/deactivate',
      tags,
      summary: 'Deactivate a leaver (admins)',
      description:
        'They can no longer sign in (disabled in the user pool, its sessions ended), and every token or session they hold is refused within a minute. ' +
        'Their caseload and employer accounts stay until handed over (`POST /staff/{id}/handover`).',
      security,
      request: { params: StaffParam, ...jsonBody(Deactivation) },
      responses: { 200: json(StaffMember, 'The user, deactivated'), ...writeErrorResponses },
    }),
    async (c) => c.json(await staff.deactivateStaff(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/staff/{id}/reactivate',
      tags,
      summary: 'Reactivate a user (admins)',
      description: 'They may sign in again; tokens from before stay refused.',
      security,
      request: { params: StaffParam, ...noBody },
      responses: { 200: json(StaffMember, 'The user, active again'), ...writeErrorResponses },
    }),
    async (c) => c.json(await staff.reactivateStaff(deps, actorOf(c), c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/staff/{id}/handover',
      tags,
      summary: 'Hand a leaver’s caseload and employer accounts on (admins)',
      description:
        'Their whole caseload is shared out in turn among `caseloadTo` (active advisers; each participant moved as `POST /participants/{id}/transfer` moves them, ' +
        'in their audit trail), and their employer accounts among `accountsTo` (active liaison officers). Each receiver is notified; the hand-over is ' +
        'recorded in the leaver’s audit trail. Safe to repeat: only what they still hold moves.',
      security,
      request: { params: StaffParam, ...jsonBody(Handover) },
      responses: { 200: json(HandoverResult, 'What moved, and to whom'), ...writeErrorResponses },
    }),
    async (c) => c.json(await staff.handOver(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/staff/{id}/audit',
      tags,
      summary: 'What admins did to a user (admins)',
      description:
        'Newest first: added, changed, deactivated, reactivated, work handed over; who did it and when. A page of up to `limit` entries ' +
        '(100 by default, and at most), with `nextCursor` for the next page.',
      security,
      request: {
        params: StaffParam,
        query: ListQuery.extend({ limit: ListQuery.shape.limit.removeDefault().default(100).meta({ format: 'int32' }) }),
      },
      responses: { 200: json(pageOf(StaffAuditEntry, 'StaffAuditPage'), 'A page of the audit trail'), ...errorResponses },
    }),
    async (c) => c.json(await staff.listStaffAudit(deps, actorOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/me/notification-preferences',
      tags: ['Notifications'],
      summary: 'How you are told of each kind of notification (staff)',
      description:
        'For each kind you receive: `immediate` (an email straight away), `digest` (in one email a day) or `in-app` (no email). ' +
        'Every notification is in your inbox whatever you choose. Emails carry a sentence and a link, never anyone’s details.',
      security,
      responses: { 200: json(PreferenceList, 'Your choices'), ...errorResponses },
    }),
    async (c) => c.json(await preferences.getPreferences(deps, actorOf(c)), 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/me/notification-preferences',
      tags: ['Notifications'],
      summary: 'Choose how you are told of notifications (staff)',
      description: 'The kinds given change; the others stay as they were.',
      security,
      request: { ...jsonBody(PreferencesChange) },
      responses: { 200: json(PreferenceList, 'Your choices'), ...writeErrorResponses },
    }),
    async (c) => c.json(await preferences.setPreferences(deps, actorOf(c), c.req.valid('json')), 200),
  );
}
