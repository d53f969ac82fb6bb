import { describe, expect, it } from 'vitest';
import { actorOf, groupsClaim, staffFromClaims } from '../../../../functions/core/console/staff.js';

describe('reading the cognito:groups claim', () => {
  it.each([
    ['a JSON array, keeping only its strings', ['hr', 7, null, 'auditor'], ['hr', 'auditor']],
    ['a comma list', 'hr,auditor', ['hr', 'auditor']],
    ['a comma list with spaces', ' hr, auditor ', ['hr', 'auditor']],
    ['a bracketed list as the authoriser flattens it', '[hr auditor]', ['hr', 'auditor']],
    ['brackets inside a group name, kept', '[team[1] hr]', ['team[1]', 'hr']],
    ['an empty string', '', []],
    ['an empty bracketed list', '[]', []],
    ['a missing claim', undefined, []],
    ['a number', 3, []],
  ])('reads %s', (_, claim, groups) => {
    expect(groupsClaim(claim)).toEqual(groups);
  });
});

describe('the signed-in staff member', () => {
  it('takes the sub, the username and the roles from the claims', () => {
    const staff = staffFromClaims({
      sub: 's-1',
      'cognito:username': 'ana',
      'cognito:groups': 'hr',
    });
    expect(staff).toMatchObject({ sub: 's-1', username: 'ana', roles: ['hr'] });
    expect(actorOf(staff as NonNullable<typeof staff>)).toBe('staff ana');
    expect(staffFromClaims({ sub: 's-1', username: 'ben' })?.username).toBe('ben');
  });

  it.each([
    ['no sub', { 'cognito:username': 'ana' }],
    ['an empty sub', { sub: '', 'cognito:username': 'ana' }],
    ['no username', { sub: 's-1' }],
    ['an empty username', { sub: 's-1', 'cognito:username': '' }],
    ['a username that is not a string', { sub: 's-1', 'cognito:username': 7 }],
  ])('names nobody with %s', (_, claims) => {
    expect(staffFromClaims(claims)).toBeUndefined();
  });
});
