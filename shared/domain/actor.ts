export const ROLES = ['admin', 'liaison', 'adviser', 'employer'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: established by the auth middleware from a verified token. */
export interface Actor {
  sub: string;
  role: Role;
  /** The provider organisation that owns the records this actor works with. */
  orgId: string;
  /** Employer users only: the employer they act for. */
  employerId?: string;
  /** The request's correlation id, carried into audit entries. */
  correlationId?: string;
}
