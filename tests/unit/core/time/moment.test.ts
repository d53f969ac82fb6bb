import { describe, expect, it } from 'vitest';
import { instantOfAt, oneTimeSchedule } from '../../../../functions/core/offboarding/schedule.js';
import {
  instantOfDateTime,
  instantOfWallClock,
  resolveMoment,
} from '../../../../functions/core/time/moment.js';

const MX = 'America/Mexico_City';

describe('moments HR gives', () => {
  it('a date means the end of that day in the deployment zone; a date-time is exact', () => {
    expect(resolveMoment('2026-12-31', MX)?.toISOString()).toBe('2027-01-01T06:00:00.000Z');
    expect(resolveMoment('2026-12-01T17:30:00-06:00', MX)?.toISOString()).toBe(
      '2026-12-01T23:30:00.000Z',
    );
    expect(resolveMoment('2026-12-01T17:30Z', MX)?.toISOString()).toBe('2026-12-01T17:30:00.000Z');
  });

  it.each([
    'tomorrow',
    '2026-02-30',
    '2026-13-01',
    '2026-12-01T25:00:00Z',
    '2026-12-01T23:60:00Z',
    '2026-12-01T17:30:00',
    '2026-12-01T24:00:00Z',
    '2026-12-01T23:59:60Z',
    '2026-12-01T10:00:00+15:00',
    '2026-12-01T10:00:00+01:60',
    '2026-02-29T10:00:00Z',
    '31/12/2026',
    '1899-12-30',
    '9999-12-31',
    '2200-01-01T00:00:00Z',
    '',
  ])('refuses %j', (value) => {
    expect(resolveMoment(value, MX)).toBeUndefined();
  });
});

describe('date-times with an offset', () => {
  it('name their exact instant, to the millisecond, up to 14 hours from UTC', () => {
    expect(instantOfDateTime('2026-12-01T10:00:00.25+14:00')?.toISOString()).toBe(
      '2026-11-30T20:00:00.250Z',
    );
    expect(instantOfDateTime('2026-12-01T23:59:59-12:00')?.toISOString()).toBe(
      '2026-12-02T11:59:59.000Z',
    );
    expect(instantOfDateTime('2026-12-01T10:00:00+01:59')?.toISOString()).toBe(
      '2026-12-01T08:01:00.000Z',
    );
  });

  it.each(['tomorrow', 'x2026-12-01T10:00:00Z', '2026-12-01T10:00:00Z trailing'])(
    'name nothing for %j, which is not one whole date-time',
    (value) => {
      expect(instantOfDateTime(value)).toBeUndefined();
    },
  );
});

describe('one-time schedules', () => {
  it('are written in the deployment zone, and read back to the same instant', () => {
    const at = new Date('2026-12-15T23:30:00Z');
    const schedule = oneTimeSchedule('ob-1', at, MX);
    expect(schedule).toMatchObject({ expression: 'at(2026-12-15T17:30:00)', timeZone: MX });
    expect(instantOfAt(schedule.expression, schedule.timeZone)).toEqual(at);
  });

  it('are written in UTC near a daylight-saving change, where wall-clock time is ambiguous', () => {
    // New York falls back at 02:00 on 2026-11-01: 01:30 happens twice.
    const at = new Date('2026-11-01T05:30:00Z');
    const schedule = oneTimeSchedule('ob-1', at, 'America/New_York');
    expect(schedule).toMatchObject({ expression: 'at(2026-11-01T05:30:00)', timeZone: 'UTC' });
    expect(instantOfAt(schedule.expression, schedule.timeZone)).toEqual(at);
  });
});

describe('a wall-clock time HR chooses with its time zone', () => {
  it('names the instant of that time in that zone', () => {
    expect(instantOfWallClock('2026-12-01T17:30', MX)?.toISOString()).toBe(
      '2026-12-01T23:30:00.000Z',
    );
    expect(instantOfWallClock('2026-12-01T17:30:15', 'UTC')?.toISOString()).toBe(
      '2026-12-01T17:30:15.000Z',
    );
  });

  it('names nothing for a time the zone skips, or an impossible one', () => {
    // Madrid jumps from 02:00 to 03:00 on 2026-03-29; Santiago skips midnight on 2024-09-08.
    expect(instantOfWallClock('2026-03-29T02:30', 'Europe/Madrid')).toBeUndefined();
    expect(instantOfWallClock('2024-09-08T00:00', 'America/Santiago')).toBeUndefined();
    for (const wall of [
      '2026-02-30T09:00',
      '2026-01-01T24:00',
      '2026-01-01T09:60',
      '2026-01-01',
      'x2026-01-01T09:00',
      '2026-01-01T09:00Z',
    ])
      expect(instantOfWallClock(wall, 'UTC'), wall).toBeUndefined();
  });

  it('of a time the zone shows twice, takes the earlier instant', () => {
    // Madrid goes back from 03:00 to 02:00 on 2026-10-25: 02:30 is first at 00:30Z, then 01:30Z.
    expect(instantOfWallClock('2026-10-25T02:30', 'Europe/Madrid')?.toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
  });
});
