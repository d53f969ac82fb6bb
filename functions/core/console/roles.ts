// Who may do what in the console. The console API enforces this table on every call; the UI reads
// the caller's permissions from the API only to hide what they may not do.

/** The three staff roles, one Cognito group each in the staff user pool. */
export const STAFF_ROLES = ['hr', 'it-admin', 'auditor'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** What a call may need. `*.read` permissions change nothing; the others do. */
export const PERMISSIONS = [
  /** Runs, their reports, findings and downloads. */
  'runs.read',
  /** Approve or reject a quarantined run. */
  'runs.review',
  /** Find a person; their accounts, situation, access end and offboardings. */
  'people.read',
  /** A person's full trail: account changes and sign-in decisions (with country and rule). */
  'people.trail',
  /** Re-enable an account Warden disabled. */
  'accounts.restore',
  /** Restore over the rules (an offboarded person, a current leaver), with an override reason. */
  'accounts.override',
  /** Offboardings: preview, list, status. */
  'offboarding.read',
  /** Offboard now or at a moment, move, cancel. */
  'offboarding.write',
  /** Sign-in decisions of the geo fence. */
  'signins.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READS = PERMISSIONS.filter((p) => p.endsWith('.read') || p === 'people.trail');

/**
 * The role -> permission table. `hr`: the offboarding pages and people's situation; `it-admin`:
 * everything; `auditor`: everything that only reads.
 */
export const ROLE_PERMISSIONS: Readonly<Record<StaffRole, readonly Permission[]>> = {
  hr: ['offboarding.read', 'offboarding.write', 'people.read'],
  'it-admin': PERMISSIONS,
  auditor: READS,
};

/** True for a permission that changes nothing. */
export function isReadOnly(permission: Permission): boolean {
  return READS.includes(permission);
}

/** The roles among a user's Cognito groups; any other group grants nothing. */
export function rolesOf(groups: readonly string[]): StaffRole[] {
  return STAFF_ROLES.filter((role) => groups.includes(role));
}

/** Everything the roles together allow. */
export function permissionsOf(roles: readonly StaffRole[]): Permission[] {
  return PERMISSIONS.filter((p) => roles.some((role) => ROLE_PERMISSIONS[role].includes(p)));
}
