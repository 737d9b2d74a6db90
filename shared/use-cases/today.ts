import { ROLES, type Actor, type Role } from '../domain/actor.js';
import type { StaffMember } from '../domain/staff.js';
import type { Submission } from '../domain/submission.js';
import type { Vacancy } from '../domain/vacancy.js';
import { ForbiddenError } from '../errors.js';
import { requireRole } from '../policy.js';
import { allPages, type Deps } from './deps.js';
import { listCallbacksDue } from './employers.js';
import { listStaff, workOf } from './staff.js';

/* ------------------------------------------------------------------------------------------------
 * "What needs me today" for the employer's, the liaison officer's and the administrator's start pages: per open vacancy,
 * the candidates waiting for a decision (and those past the date to decide by), the interviews
 * coming; for an officer, their employers' vacancies nobody has been put forward for yet. Only what
 * an employer may see of a candidate: the reference, never who they are.
 * ---------------------------------------------------------------------------------------------- */

export interface InterviewComing {
  submissionId: string;
  candidateRef: string;
  at: string;
  place: string;
}

export interface VacancyToday {
  vacancy: Pick<
    Vacancy,
    'id' | 'title' | 'site' | 'employerId' | 'employerName' | 'closingDate' | 'positions' | 'filledPositions' | 'liveSubmissions'
  >;
  /** Candidates with the employer, waiting for interview-or-not. */
  waiting: number;
  /** Of those, how many are past the date the employer was asked to decide by. */
  overdue: number;
  /** Interviews booked from now on, soonest first. */
  interviews: InterviewComing[];
}

const brief = (v: Vacancy): VacancyToday['vacancy'] => ({
  id: v.id,
  title: v.title,
  site: v.site,
  employerId: v.employerId,
  employerName: v.employerName,
  closingDate: v.closingDate,
  positions: v.positions,
  filledPositions: v.filledPositions,
  liveSubmissions: v.liveSubmissions,
});

/** What each vacancy's submissions ask of the employer; a vacancy with no live submission costs no read. */
async function vacanciesToday(deps: Deps, orgId: string, vacancies: Vacancy[]): Promise<VacancyToday[]> {
  const today = deps.clock.today();
  const now = deps.clock.now().toISOString();
  return Promise.all(
    vacancies.map(async (v) => {
      const subs: Submission[] = (v.liveSubmissions ?? 0) > 0 ? await deps.repos.submissions.listAllByVacancy(orgId, v.id) : [];
      const waiting = subs.filter((s) => s.state === 'submitted');
      return {
        vacancy: brief(v),
        waiting: waiting.length,
        overdue: waiting.filter((s) => s.respondBy !== undefined && s.respondBy < today).length,
        interviews: subs
          .filter((s) => s.state === 'interview' && s.interview && s.interview.at >= now)
          .map((s) => ({ submissionId: s.id, candidateRef: s.candidateRef, at: s.interview!.at, place: s.interview!.place }))
          .sort((a, b) => a.at.localeCompare(b.at)),
      };
    }),
  );
}

/** Most pressing first: decisions overdue, then candidates waiting, then the soonest closing. */
const byUrgency = (a: VacancyToday, b: VacancyToday) =>
  b.overdue - a.overdue || b.waiting - a.waiting || a.vacancy.closingDate.localeCompare(b.vacancy.closingDate);

/** An employer user's open vacancies, each with what it asks of them today. */
export async function employerToday(deps: Deps, actor: Actor) {
  requireRole(actor, 'vacancy:read');
  if (actor.role !== 'employer') throw new ForbiddenError('This is the employer’s start page');
  const [open, drafts, closed, filled] = await Promise.all(
    (['open', 'draft', 'closed', 'filled'] as const).map((status) =>
      allPages((page) => deps.repos.vacancies.list(actor.orgId, { by: 'employer', employerId: actor.employerId ?? '-', status }, page)),
    ),
  );
  const rows = (await vacanciesToday(deps, actor.orgId, open!)).sort(byUrgency);
  return {
    vacancies: rows,
    interviews: rows.flatMap((r) => r.interviews.map((i) => ({ ...i, vacancy: r.vacancy }))).sort((a, b) => a.at.localeCompare(b.at)),
    // Their drafts (waiting for the account manager), then those closed or filled, latest closing first: where they change,
    // publish through their account manager, or reopen one. Withdrawn ones are over for good.
    others: [...drafts!, ...[...closed!, ...filled!].sort((a, b) => b.closingDate.localeCompare(a.closingDate))],
  };
}

/**
 * A liaison officer's (or admin's) employers' open vacancies that need them: employers past the date to
 * decide by (chase them), and vacancies nobody has been put forward for yet (find candidates).
 */
export async function liaisonToday(deps: Deps, actor: Actor) {
  requireRole(actor, 'employer:engagement');
  const mine = new Set(
    (await allPages((page) => deps.repos.employers.list(actor.orgId, { by: 'accountManager', managerId: actor.sub }, page))).map(
      (e) => e.id,
    ),
  );
  // The organisation's open vacancies are one bounded list (a district's few hundred); the officer's are kept.
  const open = (await allPages((page) => deps.repos.vacancies.list(actor.orgId, { by: 'status', status: 'open' }, page))).filter((v) =>
    mine.has(v.employerId),
  );
  const rows = await vacanciesToday(deps, actor.orgId, open);
  return {
    responsesOverdue: rows.filter((r) => r.overdue > 0).sort(byUrgency),
    noCandidates: rows
      .filter((r) => (r.vacancy.liveSubmissions ?? 0) === 0 && r.vacancy.filledPositions < r.vacancy.positions)
      .sort((a, b) => a.vacancy.closingDate.localeCompare(b.vacancy.closingDate)),
  };
}

/* An administrator's day --------------------------------------------------------------------------- */

/** Someone deactivated who still holds work nobody else can see to: their caseload, their employer accounts. */
export interface LeaverWithWork {
  member: StaffMember;
  participants: number;
  employers: number;
}

/**
 * What needs an administrator: leavers still holding participants or employer accounts (hand them
 * over), the organisation's employer callbacks past their due day (whoever's they are), and how many
 * people use Routeway, by role. Counts and names only: no participant is read beyond their caseload's size.
 */
export async function adminToday(deps: Deps, actor: Actor) {
  if (actor.role !== 'admin') throw new ForbiddenError('This is the administrators’ start page');
  const [staff, callbacks] = await Promise.all([
    allPages((page) => listStaff(deps, actor, { includeInactive: true, ...page })),
    listCallbacksDue(deps, actor),
  ]);
  // Employer users hold nothing a hand-over moves.
  const leavers = staff.filter((m) => !m.active && m.role !== 'employer');
  const held = await Promise.all(
    leavers.map(async (member): Promise<LeaverWithWork> => {
      const work = await workOf(deps, actor, member.id);
      return { member, participants: work.caseload.length, employers: work.accounts.length };
    }),
  );
  const active = staff.filter((m) => m.active);
  return {
    leaversWithWork: held.filter((l) => l.participants + l.employers > 0),
    callbacksOverdue: callbacks.filter((c) => c.overdue),
    activeByRole: Object.fromEntries(ROLES.map((r) => [r, active.filter((m) => m.role === r).length])) as Record<Role, number>,
  };
}
