import { describe, expect, it } from 'vitest';
import { offboardingNotice } from '../../../../functions/core/offboarding/notice.js';
import type { Offboarding } from '../../../../functions/core/offboarding/offboarding.js';

const offboarding: Offboarding = {
  id: 'ob-1',
  employeeId: 'E1',
  status: 'partially_failed',
  effectiveAt: new Date('2026-12-01T10:00:00Z'),
  origin: 'hr',
  reason: 'a free-text reason from HR',
  requestedBy: 'hr.person',
  requestedAt: new Date('2026-11-30T09:00:00Z'),
  accounts: [
    { source: 'press', username: 'ana', accountKey: 'k1', outcome: 'disabled' },
    { source: 'press', username: 'ana2', accountKey: 'k2', outcome: 'failed', error: 'Throttled' },
    { source: 'accred', username: 'aruiz', accountKey: 'k3' },
  ],
  flagged: [{ source: 'accred', username: 'ana.r', reason: 'disputed' }],
  warnings: ['press/old no longer exists'],
  history: [],
};

describe('the admins’ notice of an offboarding', () => {
  it('lists each account with its outcome, each flag and each warning, never HR’s reason', () => {
    const notice = offboardingNotice(offboarding);
    expect(notice).toEqual({
      runId: 'ob-1',
      status: 'partially_failed',
      subject: 'Warden offboarding partially_failed: E1',
      message: [
        'Offboarding ob-1 of E1 (hr) is partially_failed; access ends 2026-12-01T10:00:00.000Z.',
        '- press/ana: disabled',
        '- press/ana2: failed (Throttled)',
        '- accred/aruiz: to be disabled',
        '- accred/ana.r: NOT acted on, review: disputed',
        'Warning: press/old no longer exists',
      ].join('\n'),
    });
    expect(notice.message).not.toContain('free-text');
  });

  it('keeps the subject under 100 characters', () => {
    const notice = offboardingNotice({ ...offboarding, employeeId: 'E'.repeat(120) });
    expect(notice.subject).toHaveLength(99);
    expect(notice.subject.startsWith('Warden offboarding partially_failed: EEE')).toBe(true);
  });
});
