import { describe, expect, it } from 'vitest';
import type { RunOffboardingSession } from '../../../../functions/core/offboarding/ports.js';
import { finishOffboarding, recordRun } from '../../../../functions/core/reconcile/record-run.js';
import type { RunRecord } from '../../../../functions/core/reconcile/run-record.js';
import type { Finding } from '../../../../functions/core/reconcile/situation.js';
import type { QuotaUsage } from '../../../../functions/core/shared/cognito-quotas.js';
import type { OffboardingsSection } from '../../../../functions/core/shared/pending-offboardings.js';
import { feed, startedRun } from '../../fakes/builders.js';
import { ROWS, reconcileWorld } from '../../fakes/reconcile-world.js';

const NOW = new Date('2026-11-29T12:00:00Z');
const ROSTER = feed(ROWS);

function recorded(status: RunRecord['status'], quotaUsage?: () => QuotaUsage) {
  const w = reconcileWorld();
  const run: RunRecord = { ...startedRun(ROSTER, 'apply', NOW), runId: 'run-7', status };
  const record = () =>
    recordRun(run, { feed: ROSTER, config: w.services.config }, [], new Map(), {
      ...w.services,
      ...(quotaUsage ? { quotaUsage } : {}),
    });
  return { w, record };
}

describe('recording a run', () => {
  it('makes the feed of a run the guard let through the baseline of the next, and logs the record', async () => {
    const { w, record } = recorded('completed');
    await record();
    expect([...w.storage.baselines.baselines.values()]).toEqual([
      { kind: 'roster', records: 3, runId: 'run-7', acceptedAt: NOW },
    ]);
    expect(w.log.lines).toEqual([
      {
        level: 'info',
        message: 'recorded',
        detail: { runId: 'run-7', status: 'completed', findings: 0 },
      },
    ]);
  });

  it('never makes the feed of a quarantined run the baseline', async () => {
    const { w, record } = recorded('quarantined');
    await record();
    expect(w.storage.baselines.baselines.size).toBe(0);
  });

  it("puts the Cognito throughput measured into the run's record", async () => {
    const usage = {
      UserUpdate: { calls: 10, throttles: 1, retries: 1, failures: 0, activeMs: 2000 },
    };
    const { record } = recorded('completed', () => usage);
    const { run } = await record();
    expect(run.throughput?.UserUpdate).toMatchObject({ calls: 10, achievedPerSecond: 5 });
    const { record: unmeasured } = recorded('completed');
    expect((await unmeasured()).run.throughput).toBeUndefined();
  });
});

describe('the findings a run stores', () => {
  it('are those worth a review and every planned change, so an approval finds them all', async () => {
    const w = reconcileWorld();
    const run: RunRecord = { ...startedRun(ROSTER, 'dry-run', NOW), runId: 'run-8' };
    const base = { source: 'pool', match: 'employee_id', reason: 'r' } as const;
    const planned: Finding[] = [
      {
        ...base,
        username: 'ana',
        accountKey: 'a',
        enabled: true,
        situation: 'active',
        action: 'none',
      },
      // An MFA posture disable keeps the account's situation: it is active and enabled.
      {
        ...base,
        username: 'ben',
        accountKey: 'b',
        enabled: true,
        situation: 'active',
        action: 'disable',
        actionId: 'posture-ben',
      },
      {
        ...base,
        username: 'cruz',
        accountKey: 'c',
        enabled: false,
        situation: 'active',
        action: 'none',
      },
    ];
    await recordRun(
      run,
      { feed: ROSTER, config: w.services.config },
      planned,
      new Map(),
      w.services,
    );
    const stored = await w.storage.runs.listFindings('run-8');
    expect(stored.map((f) => [f.username, f.outcome])).toEqual([
      ['ben', 'not_applied'],
      ['cruz', undefined],
    ]);
  });
});

describe('the order a run is recorded in', () => {
  it('writes the findings while the reports are made, and stores the run only after both', async () => {
    const { w, record } = recorded('completed');
    const events: string[] = [];
    const { runs } = w.storage;
    const saveFindings = runs.saveFindings.bind(runs);
    runs.saveFindings = async (...args) => {
      events.push('findings begun');
      await saveFindings(...args);
      events.push('findings stored');
    };
    const write = w.reports.write.bind(w.reports);
    w.reports.write = async (...args) => {
      events.push('reports begun');
      const files = await write(...args);
      events.push('reports stored');
      return files;
    };
    const saveRun = runs.saveRun.bind(runs);
    runs.saveRun = async (run) => {
      events.push('run stored');
      await saveRun(run);
    };
    await record();
    expect(events.indexOf('findings begun')).toBeLessThan(events.indexOf('reports begun'));
    expect(events.at(-1)).toBe('run stored');
    expect(events).toHaveLength(5);
  });
});

describe('recording beside the offboarding bookkeeping', () => {
  it('writes the findings and the baseline while it finishes, and records the run it returns', async () => {
    const w = reconcileWorld();
    const run: RunRecord = {
      ...startedRun(ROSTER, 'apply', NOW),
      runId: 'run-9',
      status: 'completed',
    };
    const leaver: Finding = {
      source: 'pool',
      username: 'ben',
      accountKey: 'b',
      enabled: true,
      situation: 'leaver',
      match: 'employee_id',
      action: 'disable',
      actionId: 'leaver-ben',
      reason: 'r',
    };
    let finish: (section: OffboardingsSection) => void = () => undefined;
    const offboarding: RunOffboardingSession = {
      observe: () => undefined,
      finish: () =>
        new Promise((resolve) => {
          finish = resolve;
        }),
    };
    const recording = recordRun(
      run,
      { feed: ROSTER, config: w.services.config },
      [leaver],
      new Map([['leaver-ben', 'disabled']]),
      w.services,
      { offboarding },
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(w.storage.runs.findings.get('run-9')).toEqual([{ ...leaver, outcome: 'disabled' }]);
    expect(w.storage.baselines.baselines.size).toBe(1);
    expect(w.storage.runs.records.has('run-9')).toBe(false);
    const section: OffboardingsSection = { pending: [], feedSchedules: [] };
    finish(section);
    const { run: recorded } = await recording;
    expect(recorded.offboardings).toEqual(section);
    expect(w.storage.runs.records.get('run-9')?.offboardings).toEqual(section);
    expect(JSON.parse(w.reports.written.get('run-9')?.json ?? '{}').offboardings).toEqual(section);
  });
});

describe('the offboarding bookkeeping of a run', () => {
  it('is noted on the run, by error name only, when it fails; the run goes on', async () => {
    const w = reconcileWorld();
    const failing: RunOffboardingSession = {
      observe: () => undefined,
      finish: () =>
        Promise.reject(Object.assign(new Error('ana@x.org'), { name: 'ThrottlingException' })),
    };
    const run = startedRun(ROSTER, 'apply', NOW);
    const noted = await finishOffboarding(failing, run, { feed: ROSTER }, [], w.services);
    expect(noted).toEqual({
      ...run,
      notes: ['offboarding bookkeeping failed: ThrottlingException'],
    });
    expect(w.log.lines).toEqual([
      {
        level: 'warn',
        message: 'offboarding bookkeeping failed',
        detail: { runId: run.runId, error: 'ThrottlingException' },
      },
    ]);
  });
});
