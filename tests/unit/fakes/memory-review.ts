// In-memory implementations of the review capability's ports, for unit tests of the core.
import type { Account } from '../../../functions/core/account.js';
import type { SignInDecisionEntry } from '../../../functions/core/geo/ports.js';
import type { ReportFinding } from '../../../functions/core/reconcile/render-report.js';
import type { ReviewMark } from '../../../functions/core/reconcile/review-quarantine.js';
import {
  newRunRecord,
  type RunRecord,
  type RunStatus,
  type StoredFinding,
} from '../../../functions/core/reconcile/run-record.js';
import type { Situation } from '../../../functions/core/reconcile/situation.js';
import type {
  AccountRestore,
  AdminActionEntry,
  AdminAudit,
  DecidedRun,
  GovernedPool,
  QuarantineDecisions,
  ReportArchive,
  ReportFormat,
  RestoreLedger,
  RunHistory,
  RunSummary,
  SignInHistory,
  SignInQuery,
  WardenMarks,
} from '../../../functions/core/review/ports.js';
import type { AuditEntry } from '../../../functions/core/shared/audit.js';
import { MemoryRunStore } from './memory-storage.js';

/** Runs kept in insertion order (oldest first), listed newest first. */
export class MemoryRunHistory extends MemoryRunStore implements RunHistory {
  pageRuns(query: { limit: number; after?: string; status?: RunStatus }) {
    const all = [...this.records.values()]
      .sort((a, b) => (a.runId < b.runId ? 1 : -1))
      .filter((r) => !query.status || r.status === query.status);
    const start = query.after ? all.findIndex((r) => r.runId < (query.after as string)) : 0;
    const from = start === -1 ? all.length : start;
    const runs: RunSummary[] = all.slice(from, from + query.limit);
    const last = runs.at(-1);
    return Promise.resolve({
      runs,
      ...(from + query.limit < all.length && last ? { next: last.runId } : {}),
    });
  }
  async getFinding(runId: string, source: string, username: string) {
    return (await this.listFindings(runId)).find(
      (f) => f.source === source && f.username === username,
    );
  }
}

/** Report artifacts by run id and format; the JSON holds every finding. */
export class MemoryArchive implements ReportArchive {
  readonly texts = new Map<string, string>();
  put(runId: string, format: ReportFormat, text: string) {
    this.texts.set(`${runId}.${format}`, text);
  }
  read(run: RunRecord, format: ReportFormat): Promise<string | undefined> {
    return Promise.resolve(this.texts.get(`${run.runId}.${format}`));
  }
  async readFindings(run: RunRecord): Promise<ReportFinding[] | undefined> {
    const text = await this.read(run, 'json');
    return text === undefined
      ? undefined
      : (JSON.parse(text) as { findings: ReportFinding[] }).findings;
  }
}

/** Decides as the reconcile function would, on the run history; or fails with `failWith`. */
export class MemoryDecisions implements QuarantineDecisions {
  readonly calls: { decision: 'approve' | 'reject'; runId: string; review: ReviewMark }[] = [];
  failWith?: Error;
  constructor(
    private readonly runs: MemoryRunHistory,
    private readonly at: Date,
  ) {}
  approve(runId: string, review: ReviewMark): Promise<DecidedRun> {
    return this.decide('approve', runId, review);
  }
  reject(runId: string, review: ReviewMark): Promise<DecidedRun> {
    return this.decide('reject', runId, review);
  }
  private async decide(decision: 'approve' | 'reject', runId: string, review: ReviewMark) {
    this.calls.push({ decision, runId, review });
    if (this.failWith) throw this.failWith;
    const run = (await this.runs.getRun(runId)) as RunRecord;
    const status: RunStatus = decision === 'approve' ? 'completed' : 'rejected';
    await this.runs.saveRun({
      ...run,
      ...(decision === 'reject' ? { status } : {}),
      review: {
        decision: decision === 'approve' ? 'approved' : 'rejected',
        ...review,
        at: this.at,
        ...(decision === 'approve' ? { appliedBy: { runId: `${runId}-applied`, status } } : {}),
      },
    });
    return {
      runId: decision === 'approve' ? `${runId}-applied` : runId,
      status,
      actions: run.actions,
    };
  }
}

export class MemoryAdminAudit implements AdminAudit {
  readonly entries: AdminActionEntry[] = [];
  record(entry: AdminActionEntry): Promise<void> {
    this.entries.push(entry);
    return Promise.resolve();
  }
  list(day: string): Promise<AdminActionEntry[]> {
    return Promise.resolve(this.entries.filter((e) => e.at.toISOString().startsWith(day)));
  }
}

export class MemoryGovernedPool implements GovernedPool {
  readonly enabled: string[] = [];
  constructor(
    readonly source: string,
    readonly accounts: Account[],
  ) {}
  byUsername(username: string): Promise<Account | undefined> {
    const found = this.accounts.find((a) => a.username === username);
    return Promise.resolve(found ? { ...found } : undefined);
  }
  byEmail(email: string): Promise<Account[]> {
    return Promise.resolve(this.accounts.filter((a) => a.email?.toLowerCase() === email));
  }
  enable(username: string): Promise<void> {
    this.enabled.push(username);
    const found = this.accounts.find((a) => a.username === username);
    if (found) found.enabled = true;
    return Promise.resolve();
  }
}

/** Warden's marks, access ends and the accounts' audit trail, as the DynamoDB ledger keeps them. */
export class MemoryLedger implements RestoreLedger {
  readonly marksOf = new Map<string, WardenMarks>();
  readonly reconciliationEnds = new Map<string, Date>();
  readonly offboardingEnds = new Map<string, { offboardingId: string; at: Date }[]>();
  readonly trails = new Map<string, AuditEntry[]>();
  readonly restores: AccountRestore[] = [];
  failWith?: Error;

  marks(source: string, accountKey: string): Promise<WardenMarks> {
    return Promise.resolve(this.marksOf.get(`${source}/${accountKey}`) ?? {});
  }
  accessEnds(source: string, username: string) {
    const key = `${source}/${username}`;
    const reconciliation = this.reconciliationEnds.get(key);
    return Promise.resolve({
      ...(reconciliation ? { reconciliation } : {}),
      offboardings: this.offboardingEnds.get(key) ?? [],
    });
  }
  recordRestore(restore: AccountRestore): Promise<void> {
    if (this.failWith) return Promise.reject(this.failWith);
    const key = `${restore.source}/${restore.username}`;
    this.restores.push(restore);
    this.marksOf.delete(`${restore.source}/${restore.accountKey}`);
    if (restore.liftAccessEnds?.reconciliation) this.reconciliationEnds.delete(key);
    if (restore.liftAccessEnds) this.offboardingEnds.delete(key);
    this.audit({
      actionId: restore.restoreId,
      runId: restore.restoreId,
      kind: 'restore',
      source: restore.source,
      username: restore.username,
      reason: restore.reason,
      at: restore.at,
      actor: restore.actor,
    });
    return Promise.resolve();
  }
  audit(entry: AuditEntry) {
    const key = `${entry.source}/${entry.username}`;
    this.trails.set(key, [...(this.trails.get(key) ?? []), entry]);
  }
  listAudit(source: string, username: string): Promise<AuditEntry[]> {
    return Promise.resolve(this.trails.get(`${source}/${username}`) ?? []);
  }
}

/** Filters like the DynamoDB adapter; the cursor is an offset. */
export class MemorySignInHistory implements SignInHistory {
  readonly queries: SignInQuery[] = [];
  constructor(readonly entries: SignInDecisionEntry[] = []) {}
  recent(query: SignInQuery, now: Date) {
    this.queries.push(query);
    const oldest = now.getTime() - query.days * 86_400_000;
    const matched = this.entries
      .filter(
        (e) =>
          e.at.getTime() > oldest &&
          (!query.country || (e.country ?? 'unknown') === query.country) &&
          (!query.rule || e.rule === query.rule) &&
          (!query.outcome || e.outcome === query.outcome),
      )
      .sort((a, b) => b.at.getTime() - a.at.getTime());
    const from = Number(query.after ?? 0);
    const decisions = matched.slice(from, from + query.limit);
    const more = from + query.limit < matched.length;
    return Promise.resolve({ decisions, ...(more ? { next: String(from + query.limit) } : {}) });
  }
}

/** A run with the given status and counts, started at `iso`. */
export function reviewRun(runId: string, iso: string, fields: Partial<RunRecord> = {}): RunRecord {
  return {
    ...newRunRecord({
      runId,
      mode: 'apply',
      trigger: 'schedule',
      startedAt: new Date(iso),
      feed: { kind: 'roster', source: 's3://feeds/roster.csv', records: 4 },
    }),
    status: 'completed',
    ...fields,
  };
}

/** A finding as runs keep them. */
export function storedFinding(
  username: string,
  situation: Situation,
  fields: Partial<StoredFinding> = {},
): StoredFinding {
  const disable = situation === 'leaver' || situation === 'orphan';
  return {
    source: 'pool-a',
    username,
    accountKey: `sub-${username}`,
    enabled: true,
    situation,
    match: 'employee_id',
    employeeId: `E-${username}`,
    action: disable ? 'disable' : 'none',
    ...(disable ? { actionId: `act-${username}` } : {}),
    reason: `${situation} reason`,
    ...fields,
  };
}
