// The review capability in memory, for unit tests of the console API: small stand-ins for each port
// that record what was asked of them.

import type { ReviewServices } from '../../../functions/aws/review-services.js';
import type { SignInDecisionEntry } from '../../../functions/core/geo/ports.js';
import type { OffboardingDependencies } from '../../../functions/core/offboarding/execute-offboarding.js';
import {
  newRunRecord,
  type RunRecord,
  type StoredFinding,
} from '../../../functions/core/reconcile/run-record.js';
import type {
  AccountRestore,
  AdminActionEntry,
  DecidedRun,
  GovernedPool,
} from '../../../functions/core/review/ports.js';
import type { AuditEntry } from '../../../functions/core/shared/audit.js';
import type { MemoryDirectory } from './memory-services.js';

export function quarantinedRun(runId: string, startedAt: Date): RunRecord {
  return {
    ...newRunRecord({
      runId,
      mode: 'apply',
      trigger: 'schedule',
      startedAt,
      feed: { kind: 'roster', source: 's3://feeds/feeds/roster.csv', records: 3 },
    }),
    status: 'quarantined',
    guard: {
      tripped: true,
      reasons: ['the plan disables 2 accounts, above maxDisableCount 1'],
      checks: [
        { rule: 'maxDisableCount', threshold: 1, measured: 2, unit: 'accounts', tripped: true },
      ],
      disableCount: 2,
      enabledCount: 3,
      disablePercent: 66.7,
      feedRecords: 3,
    },
  };
}

/** The review ports over the offboarding world's index and store, and the given pools. */
export function reviewWorld(offboarding: OffboardingDependencies, directories: MemoryDirectory[]) {
  const runs = new Map<string, RunRecord>();
  const findings = new Map<string, StoredFinding[]>();
  const files = new Map<string, string>();
  const decided: { decision: 'approve' | 'reject'; runId: string; by: string; reason: string }[] =
    [];
  const adminAudit: AdminActionEntry[] = [];
  const trail: AuditEntry[] = [];
  const restores: AccountRestore[] = [];
  const signIns: SignInDecisionEntry[] = [];
  const decide =
    (decision: 'approve' | 'reject') =>
    (runId: string, review: { by: string; reason: string }): Promise<DecidedRun> => {
      decided.push({ decision, runId, ...review });
      const run = runs.get(runId) as RunRecord;
      runs.set(runId, {
        ...run,
        status: decision === 'reject' ? 'rejected' : run.status,
        review: {
          decision: decision === 'approve' ? 'approved' : 'rejected',
          ...review,
          at: offboarding.clock.now(),
        },
      });
      return Promise.resolve({
        runId: decision === 'approve' ? `${runId}-applied` : runId,
        status: decision === 'approve' ? 'completed' : 'rejected',
        actions: run.actions,
      });
    };
  const pools: GovernedPool[] = directories.map((d) => ({
    source: d.source,
    byEmail: (email) => Promise.resolve(d.accounts.filter((a) => a.email?.toLowerCase() === email)),
    // A copy, as Cognito answers: enabling the account later does not change what was read.
    byUsername: (username) => {
      const account = d.accounts.find((a) => a.username === username);
      return Promise.resolve(account && { ...account });
    },
    enable: (username) => {
      const account = d.accounts.find((a) => a.username === username);
      if (account) account.enabled = true;
      return Promise.resolve();
    },
  }));
  const review: ReviewServices = {
    runs: {
      getRun: (id) => Promise.resolve(runs.get(id)),
      pageRuns: ({ limit, status }) =>
        Promise.resolve({
          runs: [...runs.values()]
            .filter((r) => !status || r.status === status)
            .sort((a, b) => b.runId.localeCompare(a.runId))
            .slice(0, limit),
        }),
      listFindings: (id) => Promise.resolve(findings.get(id) ?? []),
      getFinding: (id, source, username) =>
        Promise.resolve(
          findings.get(id)?.find((f) => f.source === source && f.username === username),
        ),
    },
    reports: {
      read: (run, format) => Promise.resolve(files.get(`${run.runId}.${format}`)),
      readFindings: () => Promise.resolve(undefined),
    },
    decisions: { approve: decide('approve'), reject: decide('reject') },
    audit: {
      record: (entry) => Promise.resolve(void adminAudit.push(entry)),
      list: () => Promise.resolve(adminAudit),
    },
    trail: {
      listAudit: (source, username) =>
        Promise.resolve(trail.filter((t) => t.source === source && t.username === username)),
    },
    ledger: {
      marks: () => Promise.resolve({}),
      recordRestore: (restore) => Promise.resolve(void restores.push(restore)),
      accessEnds: () => Promise.resolve({ offboardings: [] }),
    },
    pools,
    index: offboarding.index,
    offboardings: offboarding.store,
    signIns: {
      recent: (query) =>
        Promise.resolve({
          decisions: signIns.filter(
            (d) =>
              (!query.country || d.country === query.country) &&
              (!query.outcome || d.outcome === query.outcome) &&
              (!query.rule || d.rule === query.rule),
          ),
        }),
      listDecisions: (source, username) =>
        Promise.resolve(signIns.filter((d) => d.source === source && d.username === username)),
    },
    clock: offboarding.clock,
  };
  return { review, runs, findings, files, decided, adminAudit, trail, restores, signIns };
}
