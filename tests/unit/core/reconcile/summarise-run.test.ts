import { describe, expect, it } from 'vitest';
import { newRunRecord, type RunRecord } from '../../../../functions/core/reconcile/run-record.js';
import { emptyCounts } from '../../../../functions/core/reconcile/situation.js';
import { summariseRun } from '../../../../functions/core/reconcile/summarise-run.js';
import { whatIf } from '../../../../functions/core/reconcile/what-if.js';
import { account, config, feed } from '../../fakes/builders.js';

const NOW = new Date('2026-11-29T12:00:00Z');
const base = newRunRecord({
  runId: 'r-1',
  mode: 'apply',
  trigger: 'schedule',
  startedAt: NOW,
  feed: { kind: 'roster', source: 's3://hr-feeds/feeds/roster.csv', records: 120 },
});

function completed(fields: Partial<RunRecord> = {}): RunRecord {
  return {
    ...base,
    status: 'completed',
    accounts: 118,
    counts: { ...emptyCounts(), active: 115, leaver: 2, orphan: 1 },
    actions: { planned: 2, applied: 2, alreadyDone: 0, failed: 0 },
    reports: { json: 's3://reports/r-1/report.json', csv: 's3://reports/r-1/report.csv' },
    ...fields,
  };
}

describe('the admins notification', () => {
  it('gives the outcome, the counts and where the report is', () => {
    const notice = summariseRun(completed());
    expect(notice).toEqual({
      runId: 'r-1',
      status: 'completed',
      subject: 'Warden reconciliation completed: 2 disabled, 2 planned',
      message: [
        'Run r-1 (apply, schedule) ended completed.',
        'Feed: roster, 120 records. Accounts: 118.',
        'Situations: active 115, leaver 2, orphan 1.',
        'Disable actions: 2 planned, 2 applied, 0 failed.',
        'Report: s3://reports/r-1/report.json',
        'CSV: s3://reports/r-1/report.csv',
      ].join('\n'),
    });
  });

  it('says why a run was quarantined and what the admins can do about it', () => {
    const reasons = ['plan disables 80 accounts, more than maxDisableCount 50'];
    const { message } = summariseRun(
      completed({
        status: 'quarantined',
        guard: {
          tripped: true,
          reasons,
          disableCount: 80,
          enabledCount: 118,
          disablePercent: 67.8,
          feedRecords: 120,
        },
      }),
    );
    expect(message).toContain(
      'Quarantined, nothing was changed:\n- plan disables 80 accounts, more than maxDisableCount 50\nRead the report, then approve or reject the run.',
    );
  });

  it('counts the MFA posture gaps and names the error of a failed run, by name only', () => {
    const { message } = summariseRun(
      completed({
        status: 'failed',
        error: 'ServiceUnavailable',
        posture: {
          checked: 40,
          withoutVerifiedEmail: [{ source: 'pool', username: 'ana.lopez', groups: [] }],
        },
        notes: ['a note'],
      }),
    );
    expect(message).toContain(
      'MFA posture: 1 of 40 accounts may be asked for a one-time code but have no verified email (listed in the report).',
    );
    expect(message).toContain('Error: ServiceUnavailable\na note');
    expect(message).not.toContain('ana.lopez');
  });

  it('never carries a name, username or email of the people in the run', () => {
    const { run } = whatIf(
      feed([
        'E1,ana.lopez@x.org,Ana Lopez,active,',
        'E2,ben.ruiz@x.org,Ben Ruiz,leaver,2025-01-31',
      ]),
      [
        account('ana.lopez', { employeeId: 'E1', email: 'ana.lopez@x.org' }),
        account('ben.ruiz', { email: 'ben.ruiz@x.org' }),
        account('press-ops', { email: 'press@x.org' }),
      ],
      config({ guard: { maxDisablePercent: 0 } }),
      NOW,
      'w-1',
    );
    const { subject, message } = summariseRun(run);
    expect(`${subject}\n${message}`).not.toMatch(/ana|ben|ruiz|lopez|press-ops|@x\.org/i);
  });

  it('keeps the subject within the length SNS accepts', () => {
    const subject = summariseRun(
      completed({
        status: 'completed_with_errors',
        actions: { planned: 1e20, applied: 1e20, alreadyDone: 0, failed: 1 },
      }),
    ).subject;
    expect(subject).toHaveLength(99);
    expect(subject).toMatch(
      /^Warden reconciliation completed_with_errors: 100000000000000000000 disabled, /,
    );
  });

  it.each([
    ['apply' as const, 'were'],
    ['dry-run' as const, 'would be'],
  ])(
    'counts pending offboardings and the future leaver schedules a run of mode %s changed',
    (mode, verb) => {
      const schedule = {
        employeeId: 'E9',
        offboardingId: 'off-9',
        change: 'create' as const,
        effectiveAt: '2026-12-31T06:00:00.000Z',
        applied: mode === 'apply',
      };
      const { message } = summariseRun(
        completed({ mode, offboardings: { pending: [], feedSchedules: [schedule, schedule] } }),
      );
      expect(message).toContain(
        `Offboardings: 0 pending; 2 future leaver schedule(s) ${verb} created, moved or cancelled (listed in the report).`,
      );
    },
  );

  it('names the app clients that sign people in without the geo fence', () => {
    const unfencedClients = [
      { clientId: 'kiosk', reason: 'shop-floor kiosks' },
      { clientId: 'batch', reason: 'machine sign-in' },
    ];
    const { message } = summariseRun(completed({ unfencedClients }));
    expect(message).toContain(
      'Unfenced app clients (sign-ins without the geo fence, by configuration): kiosk, batch.',
    );
  });
});
