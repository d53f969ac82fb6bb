import { type Permission, permissionsOf, rolesOf, type StaffRole } from './roles.js';

/** The signed-in staff member, as the API's authoriser verified their token. */
export interface StaffMember {
  /** The user's immutable id in the staff pool (`sub`): the only identity logs carry. */
  readonly sub: string;
  /** The username in the staff pool (federated users: `<provider>_<id>`); kept in audit records. */
  readonly username: string;
  readonly roles: readonly StaffRole[];
  readonly permissions: readonly Permission[];
}

/**
 * `cognito:groups` as it reaches the function: a JSON array from a verified token, or a string
 * when API Gateway's Cognito authoriser flattened it (`hr,auditor` or `[hr auditor]`).
 */
export function groupsClaim(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === 'string');
  if (typeof value !== 'string') return [];
  return value
    .replace(/^\[|\]$/g, '')
    .split(/[,\s]+/)
    .map((g) => g.trim())
    .filter(Boolean);
}

/** The staff member the claims name, or undefined when they name nobody. */
export function staffFromClaims(claims: Record<string, unknown>): StaffMember | undefined {
  const sub = claims.sub;
  const username = claims['cognito:username'] ?? claims.username;
  if (typeof sub !== 'string' || sub === '' || typeof username !== 'string' || username === '')
    return undefined;
  const roles = rolesOf(groupsClaim(claims['cognito:groups']));
  return { sub, username, roles, permissions: permissionsOf(roles) };
}

/** How a staff member is named in offboarding histories, run notes and audit entries. */
export function actorOf(staff: StaffMember): string {
  return `staff ${staff.username}`;
}

export function may(staff: StaffMember, permission: Permission): boolean {
  return staff.permissions.includes(permission);
}
