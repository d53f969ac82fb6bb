import { describe, expect, it } from 'vitest';
import type { Exemption } from '../../../../functions/core/config/reconcile-config.js';
import {
  exemptionLookup,
  expiringWithin,
} from '../../../../functions/core/reconcile/exemptions.js';
import { account, POOL } from '../../fakes/builders.js';

const NOW = new Date('2026-11-29T12:00:00Z');
const exemption = (fields: Partial<Exemption>): Exemption => ({
  owner: 'it-security',
  reason: 'shared press-office mailbox',
  expires: '2027-01-31',
  ...fields,
});
const lookup = (exemptions: Exemption[], timeZone = 'UTC') =>
  exemptionLookup(exemptions, NOW, timeZone);

describe('exemptions', () => {
  it('names an account by username, or a person by the employee id of their HR record', () => {
    const find = lookup([
      exemption({ username: 'press-ops', reason: 'by name' }),
      exemption({ employeeId: 'E7', reason: 'by person' }),
    ]);
    expect(find(account('press-ops'), undefined)?.exemption.reason).toBe('by name');
    expect(find(account('ana'), 'E7')?.exemption.reason).toBe('by person');
    expect(find(account('ana', { employeeId: 'E7' }), undefined)?.exemption.reason).toBe(
      'by person',
    );
    expect(find(account('ana', { employeeId: 'E8' }), undefined)).toBeUndefined();
  });

  it('applies an exemption scoped to a pool only in that pool', () => {
    const find = lookup([exemption({ username: 'press-ops', userPoolId: 'eu-west-1_Other' })]);
    expect(find(account('press-ops'), undefined)).toBeUndefined();
    expect(find(account('press-ops', { source: 'eu-west-1_Other' }), undefined)).toBeDefined();
  });

  it('lasts until the end of its expiry day in the deployment time zone', () => {
    const today = [exemption({ username: 'press-ops', expires: '2026-11-29' })];
    expect(lookup(today)(account('press-ops'), undefined)?.expired).toBe(false);
    // In Kiritimati (UTC+14) 29 November ended at 10:00 UTC.
    expect(lookup(today, 'Pacific/Kiritimati')(account('press-ops'), undefined)?.expired).toBe(
      true,
    );
  });

  it('expires at the end of the day in the configured zone, not at UTC midnight', () => {
    // 03:00 UTC on 29 November is still 28 November, 21:00, in Mexico City.
    const expiring = [exemption({ username: 'press-ops', expires: '2026-11-28' })];
    const find = exemptionLookup(expiring, new Date('2026-11-29T03:00:00Z'), 'America/Mexico_City');
    expect(find(account('press-ops'), undefined)?.expired).toBe(false);
  });

  it('runs to the end of a day whose next midnight the clocks skip', () => {
    // Santiago springs forward at midnight on 2024-09-08: the 7th ends at 01:00 -03 (04:00Z).
    const expiring = [exemption({ username: 'press-ops', expires: '2024-09-07' })];
    const at = (iso: string) =>
      exemptionLookup(expiring, new Date(iso), 'America/Santiago')(account('press-ops'), undefined);
    expect(at('2024-09-08T03:59:59Z')?.expired).toBe(false);
    expect(at('2024-09-08T04:00:00Z')?.expired).toBe(true);
  });

  it('prefers an exemption still running, and still reports an expired one', () => {
    const old = exemption({ username: 'press-ops', expires: '2026-01-31', reason: 'old' });
    const current = exemption({ employeeId: 'E7', reason: 'current' });
    const find = lookup([old, current]);
    expect(find(account('press-ops'), 'E7')).toEqual({ exemption: current, expired: false });
    expect(find(account('press-ops'), undefined)).toEqual({ exemption: old, expired: true });
  });

  it('finds nothing when there are no exemptions', () => {
    expect(lookup([])(account('press-ops', { source: POOL }), 'E7')).toBeUndefined();
  });
});

describe('exemptions ending soon', () => {
  const MIDNIGHT = new Date('2026-11-30T00:00:00Z');
  const ending = (expires: string, fields: Partial<Exemption> = {}) =>
    exemption({ username: 'press-ops', expires, ...fields });

  it('lists those in force ending within 30 days, soonest first, naming what each exempts', () => {
    const list = expiringWithin(
      [
        ending('2026-12-29', { username: 'last-day' }), // ends in exactly 30 days
        ending('2026-12-30', { username: 'too-far' }), // 31 days
        ending('2026-11-29', { username: 'ended' }), // ended this very instant
        exemption({ employeeId: 'E7', userPoolId: POOL, expires: '2026-11-30' }), // 1 day
      ],
      MIDNIGHT,
      'UTC',
    );
    const { owner, reason } = exemption({});
    expect(list).toEqual([
      { employeeId: 'E7', userPoolId: POOL, owner, reason, expires: '2026-11-30', daysLeft: 1 },
      { username: 'last-day', owner, reason, expires: '2026-12-29', daysLeft: 30 },
    ]);
  });

  it('counts a part of a day left as a whole day', () => {
    const noon = new Date('2026-11-29T12:00:00Z');
    const list = expiringWithin([ending('2026-12-01'), ending('2026-11-29')], noon, 'UTC');
    expect(list.map((e) => [e.expires, e.daysLeft])).toEqual([
      ['2026-11-29', 1],
      ['2026-12-01', 3],
    ]);
  });

  it('takes the length of the window', () => {
    const list = expiringWithin([ending('2026-12-01'), ending('2026-11-30')], MIDNIGHT, 'UTC', 1);
    expect(list.map((e) => e.expires)).toEqual(['2026-11-30']);
  });

  it('ends each exemption at the end of its expiry day in the deployment time zone', () => {
    // In Kiritimati (UTC+14) 30 November ends at 10:00 UTC that day.
    const list = expiringWithin([ending('2026-11-30')], MIDNIGHT, 'Pacific/Kiritimati');
    expect(list.map((e) => e.daysLeft)).toEqual([1]);
    expect(expiringWithin([ending('2026-11-29')], MIDNIGHT, 'Pacific/Kiritimati')).toEqual([]);
  });
});
