import type { Page, PageRequest } from '../domain/common.js';
import type { OutboxEvent } from '../domain/events.js';
import type { Preferences } from '../domain/preferences.js';
import type { SessionAccess, StaffAuditEntry, StaffMember } from '../domain/staff.js';

/**
 * Who works in an organisation: names, email addresses, role, team, phone, whether active. The source of
 * truth is the identity provider where there is one (the Cognito user pool in AWS, through
 * `shared/adapters/cognito/`); locally it is items in the table (`shared/adapters/dynamodb/`) that the demo
 * data fills. Records elsewhere keep only user ids.
 */
export interface StaffDirectory {
  get(orgId: string, id: string): Promise<StaffMember | undefined>;
  /** Several people at once (the names on one page); ids the directory does not know are left out. */
  getMany(orgId: string, ids: readonly string[]): Promise<Map<string, StaffMember>>;
  /** Everyone in the organisation, active or not (bounded: an organisation has hundreds of users, not millions). */
  list(orgId: string): Promise<StaffMember[]>;
  /**
   * Adds a user and sends them an invitation to sign in (Cognito's invitation email in AWS; locally they
   * appear on the demo sign-in page). DuplicateStaffError when the email address is already a user's.
   * The directory may give them its own id (Cognito's `sub`): the member as stored is returned.
   */
  create(member: StaffMember): Promise<StaffMember>;
  /** Writes name, role, team, phone and `active` as given (role: the group membership in Cognito; active: enabled or disabled). */
  update(previous: StaffMember, next: StaffMember): Promise<void>;
  /** Ends the sessions the identity provider holds for them (Cognito's refresh tokens); nothing to do locally. */
  signOutEverywhere(orgId: string, id: string): Promise<void>;
}

/** What Routeway keeps about each user in its own table, whichever directory holds their details. */
export interface StaffRecordRepository {
  getAccess(orgId: string, userId: string): Promise<SessionAccess | undefined>;
  putAccess(orgId: string, userId: string, access: SessionAccess): Promise<void>;
  getPreferences(orgId: string, userId: string): Promise<Preferences | undefined>;
  putPreferences(orgId: string, userId: string, prefs: Preferences): Promise<void>;
  /** Writes the entry and any events (e.g. telling receivers of a hand-over) in one transaction. */
  addAudit(orgId: string, entry: StaffAuditEntry, events?: OutboxEvent[]): Promise<void>;
  /** Newest first, a page at a time. */
  listAudit(orgId: string, userId: string, page: PageRequest): Promise<Page<StaffAuditEntry>>;
}

/** Keys Routeway makes for itself and keeps in its table (e.g. the one that signs unsubscribe links). */
export interface SecretRepository {
  /** The named key: made (32 random bytes) and stored by the first caller, the same for every caller after. */
  signingKey(name: string): Promise<Buffer>;
}
