import { describe, expect, it } from 'vitest';
import {
  isReadOnly,
  PERMISSIONS,
  permissionsOf,
  rolesOf,
  STAFF_ROLES,
  type StaffRole,
} from '../../../../functions/core/console/roles.js';
import { CONSOLE_ROUTES, type ConsoleRouteId } from '../../../../functions/core/console/routes.js';
import { may, staffFromClaims } from '../../../../functions/core/console/staff.js';

// Written out by hand, route by route: the table the issue asks for, not one derived from the code.
const ALLOWED: Record<StaffRole, readonly ConsoleRouteId[]> = {
  hr: [
    'me',
    'people.search',
    'offboarding.list',
    'offboarding.preview',
    'offboarding.create',
    'offboarding.status',
    'offboarding.move',
    'offboarding.cancel',
  ],
  'it-admin': CONSOLE_ROUTES.map((r) => r.id),
  auditor: [
    'me',
    'runs.list',
    'runs.show',
    'runs.findings',
    'runs.download',
    'people.search',
    'offboarding.list',
    'offboarding.preview',
    'offboarding.status',
    'signins.list',
  ],
};

const staffIn = (...groups: string[]) => {
  const staff = staffFromClaims({
    sub: 'sub-1',
    'cognito:username': 'someone',
    'cognito:groups': groups.join(','),
  });
  if (!staff) throw new Error('claims name nobody');
  return staff;
};

describe('console roles', () => {
  for (const role of STAFF_ROLES) {
    for (const route of CONSOLE_ROUTES) {
      const allowed = ALLOWED[role].includes(route.id);
      it(`${role} ${allowed ? 'may' : 'may not'} call ${route.method} ${route.path}`, () => {
        const staff = staffIn(role);
        expect(route.permission === null || may(staff, route.permission)).toBe(allowed);
      });
    }
  }

  it('an auditor changes nothing: every route that is not a GET is refused', () => {
    const auditor = staffIn('auditor');
    for (const route of CONSOLE_ROUTES.filter((r) => r.method !== 'GET')) {
      expect(route.permission && may(auditor, route.permission), route.id).toBe(false);
    }
    expect(permissionsOf(['auditor']).every(isReadOnly)).toBe(true);
  });

  it("hr sees people's situation but not their sign-in trail; auditors and admins see both", () => {
    expect(may(staffIn('hr'), 'people.read')).toBe(true);
    expect(may(staffIn('hr'), 'people.trail')).toBe(false);
    expect(may(staffIn('auditor'), 'people.trail')).toBe(true);
    expect(may(staffIn('it-admin'), 'people.trail')).toBe(true);
  });

  it('only an it-admin may restore, or override the restore rules', () => {
    for (const role of ['hr', 'auditor'] as const) {
      expect(may(staffIn(role), 'accounts.restore')).toBe(false);
      expect(may(staffIn(role), 'accounts.override')).toBe(false);
    }
    expect(may(staffIn('it-admin'), 'accounts.override')).toBe(true);
  });

  it('a staff member in no role may only ask who they are', () => {
    const nobody = staffIn('press-admins');
    expect(nobody.roles).toEqual([]);
    expect(nobody.permissions).toEqual([]);
  });

  it('several roles add up', () => {
    expect(permissionsOf(['hr', 'auditor']).sort()).toEqual(
      [...new Set([...permissionsOf(['hr']), ...permissionsOf(['auditor'])])].sort(),
    );
    expect(permissionsOf(['it-admin'])).toEqual([...PERMISSIONS]);
  });

  it('reads roles only from the three groups, however the claim is written', () => {
    expect(rolesOf(['hr', 'HR', 'it-admins', 'auditor'])).toEqual(['hr', 'auditor']);
    for (const groups of [['hr', 'auditor'], 'hr,auditor', '[hr auditor]', 'hr, auditor']) {
      const staff = staffFromClaims({
        sub: 's',
        'cognito:username': 'u',
        'cognito:groups': groups,
      });
      expect(staff?.roles, JSON.stringify(groups)).toEqual(['hr', 'auditor']);
    }
  });

  it('claims without a subject or a username name nobody', () => {
    expect(staffFromClaims({ 'cognito:username': 'u' })).toBeUndefined();
    expect(staffFromClaims({ sub: 's' })).toBeUndefined();
    expect(staffFromClaims({ sub: '', 'cognito:username': 'u' })).toBeUndefined();
    expect(staffFromClaims({ sub: 's', username: 'u' })?.roles).toEqual([]);
  });
});
