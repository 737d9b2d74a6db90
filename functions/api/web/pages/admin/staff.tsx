import type { Hono } from 'hono';
import type { AppDeps } from '../../../deps.js';
import { ROLES, type Role } from '../../../../../shared/domain/actor.js';
import { Deactivation, Handover, NewStaffMember, StaffChange, type StaffMember } from '../../../../../shared/domain/staff.js';
import { NotFoundError, type FieldError } from '../../../../../shared/errors.js';
import * as staff from '../../../../../shared/use-cases/staff.js';
import type { Child } from 'hono/jsx';
import {
  Button,
  Choices,
  DoneBanner,
  fieldsFor,
  fmtDateTime,
  NextPage,
  PostForm,
  SummaryList,
  Table,
  Tag,
  TextArea,
  TextInput,
} from '../../components.js';
import { page, type WebContext, type WebEnv } from '../../context.js';
import { ROLE_LABELS } from '../../labels.js';
import { formErrors, friendly, parseForm, typedValues, type RawForm, type Values } from '../../forms.js';
import { HiddenFields, WarningText, ConfirmOrChange, checkChangesPage } from '../../patterns.js';
import { adminOnly } from './admin-gate.js';
import { StaffSearchFields } from '../../search-form.js';

/*
 * The staff directory for admins (`/app/admin/staff`): find people, add a user (the directory sends the
 * invitation), change a role or team, deactivate a leaver, and hand their caseload and employer accounts
 * on in one action. Every action is a use case of shared/use-cases/staff.ts, audited on the user.
 */

const DONE: Record<string, string> = {
  added: 'User added. They have been sent an invitation to sign in',
  changed: 'Changes saved. A new role applies when they next sign in',
  deactivated: 'User deactivated. They are signed out within a minute and cannot sign in',
  reactivated: 'User reactivated. They can sign in again',
  handed: 'Their work has been handed over, and each person who took some on has been told',
};

const MISSING: Record<string, string> = {
  name: 'Enter their full name',
  email: 'Enter their work email address',
  role: 'Choose their role',
  reason: 'Enter why',
};

/** Messages written for people: what to do, not what the schema said. */
function say(errors: FieldError[], values: Values): FieldError[] {
  return friendly(errors, values).map((e) => {
    const given = (values as Record<string, unknown> | undefined)?.[e.path];
    return { path: e.path, message: MISSING[e.path] && !given ? MISSING[e.path]! : e.message };
  });
}

const staffRef = (id: string) => {
  if (!/^[A-Za-z0-9_.:-]{1,128}$/.test(id)) throw new NotFoundError('user', id.slice(0, 40));
  return id;
};

const Status = ({ m }: { m: StaffMember }) => (m.active ? <Tag colour="green">Active</Tag> : <Tag colour="grey">Deactivated</Tag>);

async function listPage(c: WebContext, deps: AppDeps) {
  const actor = c.get('actor');
  adminOnly(actor);
  const q = (c.req.query('q') ?? '').slice(0, 100);
  const roleQ = c.req.query('role');
  const role = ROLES.find((r) => r === roleQ);
  const includeInactive = c.req.query('inactive') === 'yes';
  const list = await staff.listStaff(deps, actor, { q: q || undefined, role, includeInactive, limit: 50, cursor: c.req.query('cursor') });
  const more = new URLSearchParams({ q, role: role ?? '', ...(includeInactive ? { inactive: 'yes' } : {}), cursor: list.nextCursor ?? '' });
  return page(
    c,
    { title: 'Staff', current: '/app/admin' },
    <>
      <DoneBanner c={c} messages={DONE} />
      <h1 class="govuk-heading-l">Staff</h1>
      <p class="govuk-body">
        <a class="govuk-button" href="/app/admin/staff/new" draggable="false">
          Add a user
        </a>
      </p>
      <form method="get" action="/app/admin/staff" novalidate>
        <StaffSearchFields q={q} role={role} roles={ROLES} />
        <Choices
          kind="checkboxes"
          id="inactive"
          name="inactive"
          legend="Leavers"
          options={[['yes', 'Include deactivated users']]}
          checked={includeInactive ? ['yes'] : []}
          small
        />
        <Button secondary>Search</Button>
      </form>
      {list.items.length ? (
        <Table caption="Users" head={['Name', 'Email', 'Role', 'Team', 'Status']}>
          {list.items.map((m) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">
                <a class="govuk-link" href={`/app/admin/staff/${encodeURIComponent(m.id)}`}>
                  {m.name}
                </a>
              </td>
              <td class="govuk-table__cell">{m.email}</td>
              <td class="govuk-table__cell">{ROLE_LABELS[m.role]}</td>
              <td class="govuk-table__cell">{m.team ?? ''}</td>
              <td class="govuk-table__cell">
                <Status m={m} />
              </td>
            </tr>
          ))}
        </Table>
      ) : (
        <p class="govuk-body">Nobody matches that search.</p>
      )}
      <NextPage href={list.nextCursor ? `/app/admin/staff?${more}` : undefined} />
    </>,
  );
}

/** A new user's answers as check your answers says them. */
function newUserRows(v: NewStaffMember): [string, string][] {
  return [
    ['Full name', v.name],
    ['Work email address', v.email],
    ['Role', ROLE_LABELS[v.role]],
    ...(v.employerId ? [['Employer reference', v.employerId] as [string, string]] : []),
    ['Office or team', v.team ?? 'Not given'],
    ['Work phone', v.phone ?? 'Not given'],
  ];
}

function renderAddCheck(c: WebContext, answers: RawForm, v: NewStaffMember) {
  return page(
    c,
    { title: 'Check the new user’s details', current: '/app/admin' },
    <>
      <span class="govuk-caption-l">Add a user</span>
      <h1 class="govuk-heading-l">Check the new user’s details</h1>
      <SummaryList rows={newUserRows(v)} />
      <PostForm c={c} action="/app/admin/staff/new">
        <HiddenFields form={answers} />
        <h2 class="govuk-heading-m">Now add the user</h2>
        <p class="govuk-body">
          {v.name} is sent an invitation to sign in at {v.email}. They can sign in as {ROLE_LABELS[v.role].toLowerCase()} once they accept
          it.
        </p>
        <ConfirmOrChange step="create" change="Change the details">
          Add user
        </ConfirmOrChange>
      </PostForm>
    </>,
  );
}

function AddForm({ c, values, errors }: { c: WebContext; values: Values; errors?: FieldError[] }) {
  const f = fieldsFor(values, errors);
  return (
    <PostForm c={c} action="/app/admin/staff/new">
      <TextInput {...f.field('name')} label="Full name" autocomplete="off" spellcheck={false} />
      <TextInput
        {...f.field('email')}
        label="Work email address"
        hint="Their invitation to sign in goes here"
        type="email"
        spellcheck={false}
      />
      <Choices {...f.choice('role')} kind="radios" legend="Role" options={ROLES.map((r) => [r, ROLE_LABELS[r]] as const)} />
      <TextInput
        {...f.field('employerId')}
        label="Employer reference (employer users only)"
        hint="The employer they act for"
        width="20"
        spellcheck={false}
      />
      <TextInput {...f.field('team')} label="Office or team (optional)" hint="For example, Leeds Hunslet" width="20" />
      <TextInput {...f.field('phone')} label="Work phone (optional)" hint="For example, 0113 496 0000" type="tel" width="20" />
      <Button>Continue</Button>
    </PostForm>
  );
}

function renderAdd(c: WebContext, values: Values, errors?: FieldError[], status?: number) {
  return page(
    c,
    { title: 'Add a user', current: '/app/admin', errors, status },
    <>
      <a class="govuk-back-link" href="/app/admin/staff">
        Back to staff
      </a>
      <h1 class="govuk-heading-l">Add a user</h1>
      <AddForm c={c} values={values} errors={errors} />
    </>,
  );
}

async function memberPage(c: WebContext, deps: AppDeps, id: string) {
  const actor = c.get('actor');
  adminOnly(actor);
  const auditFrom = c.req.query('audit') || undefined;
  const [{ member: m, caseload, accounts }, audit] = await Promise.all([
    staff.workOf(deps, actor, id),
    staff.listStaffAudit(deps, actor, id, { limit: 50, ...(auditFrom ? { cursor: auditFrom } : {}) }),
  ]);
  const names = await staff.staffNames(
    deps,
    actor,
    audit.items.map((e) => e.actorSub),
  );
  const base = `/app/admin/staff/${encodeURIComponent(m.id)}`;
  return page(
    c,
    { title: m.name, current: '/app/admin' },
    <>
      <DoneBanner c={c} messages={DONE} />
      <a class="govuk-back-link" href="/app/admin/staff">
        Back to staff
      </a>
      <span class="govuk-caption-l">{ROLE_LABELS[m.role]}</span>
      <h1 class="govuk-heading-l">{m.name}</h1>
      <SummaryList
        rows={[
          ['Email', m.email],
          ['Role', ROLE_LABELS[m.role]],
          ['Office or team', m.team ?? 'Not recorded'],
          ['Work phone', m.phone ?? 'Not recorded'],
          ['Status', <Status m={m} />],
          ['Caseload', `${caseload.length} participant${caseload.length === 1 ? '' : 's'}`],
          ['Employer accounts', `${accounts.length} employer${accounts.length === 1 ? '' : 's'}`],
        ]}
      />
      <ul class="govuk-list">
        <li>
          <a class="govuk-link" href={`${base}/change`}>
            Change their name, role, team or phone
          </a>
        </li>
        {caseload.length || accounts.length ? (
          <li>
            <a class="govuk-link" href={`${base}/handover`}>
              Hand their caseload and employer accounts to others
            </a>
          </li>
        ) : null}
        {m.active && m.id !== actor.sub ? (
          <li>
            <a class="govuk-link" href={`${base}/deactivate`}>
              Deactivate them (a leaver)
            </a>
          </li>
        ) : null}
      </ul>
      {!m.active ? (
        <PostForm c={c} action={`${base}/reactivate`}>
          <Button secondary>Reactivate {m.name}</Button>
        </PostForm>
      ) : null}
      <h2 class="govuk-heading-m">What administrators have done</h2>
      {audit.items.length ? (
        <Table caption="Changes to this user" head={['When', 'What', 'Who']}>
          {audit.items.map((e) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">{fmtDateTime(e.at)}</td>
              <td class="govuk-table__cell">{AUDIT_WORDS[e.action]}</td>
              <td class="govuk-table__cell">{names.of(e.actorSub)}</td>
            </tr>
          ))}
        </Table>
      ) : (
        <p class="govuk-body">Nothing{auditFrom ? ' more' : ' yet'}.</p>
      )}
      <NextPage href={audit.nextCursor ? `${base}?audit=${encodeURIComponent(audit.nextCursor)}` : undefined} />
    </>,
  );
}

const AUDIT_WORDS: Record<string, string> = {
  'staff.create': 'Added',
  'staff.change': 'Changed',
  'staff.deactivate': 'Deactivated',
  'staff.reactivate': 'Reactivated',
  'staff.handover': 'Work handed over',
};

function renderChange(c: WebContext, m: StaffMember, values: Values, errors?: FieldError[], status?: number) {
  const f = fieldsFor(values, errors);
  const staffRoles = m.role === 'employer' ? (['employer'] as const) : (['admin', 'liaison', 'adviser'] as const);
  return page(
    c,
    { title: `Change ${m.name}`, current: '/app/admin', errors, status },
    <>
      <a class="govuk-back-link" href={`/app/admin/staff/${encodeURIComponent(m.id)}`}>
        Back to {m.name}
      </a>
      <h1 class="govuk-heading-l">Change {m.name}</h1>
      <PostForm c={c} action={`/app/admin/staff/${encodeURIComponent(m.id)}/change`}>
        <TextInput {...f.field('name')} label="Full name" spellcheck={false} />
        <Choices
          {...f.choice('role')}
          kind="radios"
          legend="Role"
          hint="A new role applies when they next sign in: they are signed out within a minute."
          options={staffRoles.map((r) => [r, ROLE_LABELS[r]] as const)}
        />
        <TextInput {...f.field('team')} label="Office or team" hint="Leave empty to clear it" width="20" />
        <TextInput {...f.field('phone')} label="Work phone" hint="Leave empty to clear it" type="tel" width="20" />
        <Button>Continue</Button>
      </PostForm>
    </>,
  );
}

const CHANGE_ROWS = [
  ['name', 'Full name'],
  ['role', 'Role'],
  ['team', 'Office or team'],
  ['phone', 'Work phone'],
] as const;

/** What the change would do, field by field: only what differs from the record, each with what it was. */
function changedRows(m: StaffMember, patch: StaffChange): [string, Child][] {
  const say = (k: (typeof CHANGE_ROWS)[number][0], v: string | null | undefined) =>
    v === null || v === undefined || v === '' ? 'Not recorded' : k === 'role' ? ROLE_LABELS[v as Role] : v;
  return CHANGE_ROWS.filter(([k]) => patch[k] !== undefined && (patch[k] ?? undefined) !== m[k]).map(([k, label]) => [
    label,
    <>
      {say(k, patch[k])}
      <span class="govuk-hint govuk-!-margin-bottom-0 govuk-!-margin-top-1">Was: {say(k, m[k])}</span>
    </>,
  ]);
}

function renderChangeCheck(c: WebContext, m: StaffMember, answers: RawForm, rows: [string, Child][], roleChanges: boolean) {
  return checkChangesPage(c, {
    title: `Check your changes to ${m.name}`,
    current: '/app/admin',
    caption: m.name,
    rows,
    action: `/app/admin/staff/${encodeURIComponent(m.id)}/change`,
    answers,
    children: roleChanges ? (
      <WarningText>
        {m.name} is signed out within a minute and has the new role when they next sign in. What they can see changes with it.
      </WarningText>
    ) : null,
  });
}

/** The change form posts every field: an emptied team or phone is cleared, an unchanged one left alone. */
function changeFrom(raw: RawForm): RawForm {
  const out: RawForm = Object.assign(Object.create(null), raw);
  for (const k of ['team', 'phone'] as const) if (typeof raw[k] === 'string' && !(raw[k] as string).trim()) delete out[k];
  return out;
}

function renderDeactivate(c: WebContext, m: StaffMember, values: Values, errors?: FieldError[], status?: number) {
  const f = fieldsFor(values, errors);
  return page(
    c,
    { title: `Deactivate ${m.name}`, current: '/app/admin', errors, status },
    <>
      <a class="govuk-back-link" href={`/app/admin/staff/${encodeURIComponent(m.id)}`}>
        Back to {m.name}
      </a>
      <h1 class="govuk-heading-l">Deactivate {m.name}</h1>
      <p class="govuk-body">
        They will be signed out everywhere within a minute and cannot sign in again unless reactivated. Their caseload and employer accounts
        stay with them until you hand them over.
      </p>
      <PostForm c={c} action={`/app/admin/staff/${encodeURIComponent(m.id)}/deactivate`}>
        <TextArea {...f.field('reason')} label="Why" hint="For example, they left the organisation on 30 November" rows={3} />
        <Button>Deactivate {m.name}</Button>
      </PostForm>
    </>,
  );
}

/** Who a receiver is, under their name: their role, and their team when they have one. */
const roleAndTeam = (m: StaffMember) => [ROLE_LABELS[m.role], m.team].filter(Boolean).join(', ');

async function renderHandover(c: WebContext, deps: AppDeps, id: string, values: Values, errors?: FieldError[], status?: number) {
  const actor = c.get('actor');
  const { member: m, caseload, accounts } = await staff.workOf(deps, actor, id);
  // Every active colleague who can hold the work (no employer users, however large the directory), never the leaver.
  const colleagues = (await staff.staffWithRoles(deps, actor, ['adviser', 'liaison', 'admin'])).filter((x) => x.id !== m.id);
  const advisers = colleagues.filter((x) => x.role === 'adviser' || x.role === 'admin');
  const officers = colleagues.filter((x) => x.role === 'liaison' || x.role === 'admin');
  const f = fieldsFor(values, errors);
  return page(
    c,
    { title: `Hand over ${m.name}’s work`, current: '/app/admin', errors, status },
    <>
      <a class="govuk-back-link" href={`/app/admin/staff/${encodeURIComponent(m.id)}`}>
        Back to {m.name}
      </a>
      <h1 class="govuk-heading-l">Hand over {m.name}’s work</h1>
      <p class="govuk-body">
        {m.name} has {caseload.length} participant{caseload.length === 1 ? '' : 's'} on their caseload and manages {accounts.length}{' '}
        employer account
        {accounts.length === 1 ? '' : 's'}. They are shared out in turn among the people you choose, who are each told what they took on.
      </p>
      <PostForm c={c} action={`/app/admin/staff/${encodeURIComponent(m.id)}/handover`}>
        {caseload.length ? (
          <Choices
            {...f.choice('caseloadTo[]')}
            kind="checkboxes"
            legend="Who takes on the caseload"
            options={advisers.map((x) => [x.id, x.name, roleAndTeam(x)] as const)}
            small
          />
        ) : null}
        {accounts.length ? (
          <Choices
            {...f.choice('accountsTo[]')}
            kind="checkboxes"
            legend="Who takes on the employer accounts"
            options={officers.map((x) => [x.id, x.name, roleAndTeam(x)] as const)}
            small
          />
        ) : null}
        <TextArea
          {...f.field('reason')}
          label="Why"
          hint="For example, they left the organisation. Do not include anything sensitive"
          rows={3}
        />
        <Button>Hand over</Button>
      </PostForm>
    </>,
  );
}

export function staffPages(web: Hono<WebEnv>, deps: AppDeps): void {
  web.get('/app/admin/staff', (c) => listPage(c, deps));

  web.get('/app/admin/staff/new', (c) => {
    adminOnly(c.get('actor'));
    return renderAdd(c, {});
  });
  web.post('/app/admin/staff/new', async (c) => {
    adminOnly(c.get('actor'));
    const { step, ...raw } = await c.req.parseBody({ all: true });
    const values = typedValues(raw);
    if (step === 'change') return renderAdd(c, values);
    const parsed = parseForm(NewStaffMember, raw);
    if (!parsed.ok) return renderAdd(c, values, say(parsed.errors, parsed.values), 400);
    if (step !== 'create') return renderAddCheck(c, raw, parsed.value);
    try {
      const made = await staff.addStaff(deps, c.get('actor'), parsed.value);
      return c.redirect(`/app/admin/staff/${encodeURIComponent(made.id)}?done=added`, 303);
    } catch (err) {
      const f = formErrors(err, 'email');
      if (!f) throw err;
      return renderAdd(c, values, say(f.errors, values), f.status);
    }
  });

  web.get('/app/admin/staff/:id', (c) => memberPage(c, deps, staffRef(c.req.param('id'))));

  web.get('/app/admin/staff/:id/change', async (c) => {
    adminOnly(c.get('actor'));
    const m = await staff.getStaff(deps, c.get('actor'), staffRef(c.req.param('id')));
    return renderChange(c, m, { name: m.name, role: m.role, team: m.team ?? '', phone: m.phone ?? '' });
  });
  web.post('/app/admin/staff/:id/change', async (c) => {
    const actor = c.get('actor');
    adminOnly(actor);
    const m = await staff.getStaff(deps, actor, staffRef(c.req.param('id')));
    const { step, ...raw } = await c.req.parseBody({ all: true });
    const values = typedValues(raw);
    if (step === 'change') return renderChange(c, m, values);
    const parsed = parseForm(StaffChange, changeFrom(raw));
    if (!parsed.ok) return renderChange(c, m, values, say(parsed.errors, parsed.values), 400);
    const patch = { ...parsed.value };
    // An emptied box clears what was there.
    if (m.team && !patch.team) patch.team = null;
    if (m.phone && !patch.phone) patch.phone = null;
    const rows = changedRows(m, patch);
    if (!rows.length)
      return renderChange(c, m, values, [{ path: 'name', message: 'You have not changed anything: change a detail, or go back' }], 400);
    if (step !== 'save') return renderChangeCheck(c, m, raw, rows, patch.role !== undefined && patch.role !== m.role);
    try {
      await staff.changeStaff(deps, actor, m.id, patch);
      return c.redirect(`/app/admin/staff/${encodeURIComponent(m.id)}?done=changed`, 303);
    } catch (err) {
      const f = formErrors(err, 'role');
      if (!f) throw err;
      return renderChange(c, m, values, say(f.errors, values), f.status);
    }
  });

  web.get('/app/admin/staff/:id/deactivate', async (c) => {
    adminOnly(c.get('actor'));
    return renderDeactivate(c, await staff.getStaff(deps, c.get('actor'), staffRef(c.req.param('id'))), {});
  });
  web.post('/app/admin/staff/:id/deactivate', async (c) => {
    const actor = c.get('actor');
    adminOnly(actor);
    const m = await staff.getStaff(deps, actor, staffRef(c.req.param('id')));
    const raw = await c.req.parseBody({ all: true });
    const values = typedValues(raw);
    const parsed = parseForm(Deactivation, raw);
    if (!parsed.ok) return renderDeactivate(c, m, values, say(parsed.errors, parsed.values), 400);
    try {
      await staff.deactivateStaff(deps, actor, m.id, parsed.value);
      return c.redirect(`/app/admin/staff/${encodeURIComponent(m.id)}?done=deactivated`, 303);
    } catch (err) {
      const f = formErrors(err, 'reason');
      if (!f) throw err;
      return renderDeactivate(c, m, values, say(f.errors, values), f.status);
    }
  });

  web.post('/app/admin/staff/:id/reactivate', async (c) => {
    const actor = c.get('actor');
    adminOnly(actor);
    const id = staffRef(c.req.param('id'));
    await staff.reactivateStaff(deps, actor, id);
    return c.redirect(`/app/admin/staff/${encodeURIComponent(id)}?done=reactivated`, 303);
  });

  web.get('/app/admin/staff/:id/handover', (c) => {
    adminOnly(c.get('actor'));
    return renderHandover(c, deps, staffRef(c.req.param('id')), {});
  });
  web.post('/app/admin/staff/:id/handover', async (c) => {
    const actor = c.get('actor');
    adminOnly(actor);
    const id = staffRef(c.req.param('id'));
    const raw = await c.req.parseBody({ all: true });
    const values = typedValues(raw);
    const parsed = parseForm(Handover, raw);
    if (!parsed.ok) return renderHandover(c, deps, id, values, say(parsed.errors, parsed.values), 400);
    try {
      await staff.handOver(deps, actor, id, parsed.value);
      return c.redirect(`/app/admin/staff/${encodeURIComponent(id)}?done=handed`, 303);
    } catch (err) {
      const f = formErrors(err, 'caseloadTo');
      if (!f) throw err;
      return renderHandover(c, deps, id, values, say(f.errors, values), f.status);
    }
  });
}
