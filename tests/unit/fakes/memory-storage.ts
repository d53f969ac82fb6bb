// In-memory implementations of the reconciliation's storage roles, for unit tests of the core.
import type { FeedKind } from '../../../functions/core/hr/hr-record.js';
import type { FeedBaseline } from '../../../functions/core/reconcile/feed-baseline.js';
import type {
  ActionIntent,
  ActionJournal,
  ActionOutcome,
  Completion,
  FeedBaselines,
  ReconcileStorage,
  RunLock,
  RunStore,
  SourceMemory,
  SourceState,
  WardenDisable,
} from '../../../functions/core/reconcile/ports.js';
import type { RunRecord, StoredFinding } from '../../../functions/core/reconcile/run-record.js';
import type { AccessEndRegister } from '../../../functions/core/shared/access-end-register.js';
import type { AuditEntry, AuditLog } from '../../../functions/core/shared/audit.js';

export class MemoryRunLock implements RunLock {
  readonly held = new Map<string, { owner: string; until: Date }>();

  acquire(name: string, owner: string, now: Date, until: Date): Promise<boolean> {
    const held = this.held.get(name);
    if (held && held.until > now && held.owner !== owner) return Promise.resolve(false);
    this.held.set(name, { owner, until });
    return Promise.resolve(true);
  }

  release(name: string, owner: string): Promise<void> {
    if (this.held.get(name)?.owner === owner) this.held.delete(name);
    return Promise.resolve();
  }
}

export class MemoryRunStore implements RunStore {
  readonly records = new Map<string, RunRecord>();
  readonly findings = new Map<string, StoredFinding[]>();

  saveRun(run: RunRecord): Promise<void> {
    this.records.set(run.runId, structuredClone(run));
    return Promise.resolve();
  }
  getRun(runId: string): Promise<RunRecord | undefined> {
    return Promise.resolve(this.records.get(runId));
  }
  listRuns(limit: number): Promise<RunRecord[]> {
    return Promise.resolve([...this.records.values()].reverse().slice(0, limit));
  }
  /** As DynamoDB keeps them: sorted by pool and username, a finding saved again replacing itself. */
  saveFindings(runId: string, findings: readonly StoredFinding[]): Promise<void> {
    const key = (f: StoredFinding) => `${f.source}#${f.username}`;
    const byKey = new Map((this.findings.get(runId) ?? []).map((f) => [key(f), f]));
    for (const f of findings) byKey.set(key(f), structuredClone(f));
    const sorted = [...byKey].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    this.findings.set(
      runId,
      sorted.map(([, f]) => f),
    );
    return Promise.resolve();
  }
  listFindings(runId: string): Promise<StoredFinding[]> {
    return Promise.resolve(this.findings.get(runId) ?? []);
  }
}

export class MemorySourceMemory implements SourceMemory {
  /** Per source: account key -> Warden's last disable of it. */
  readonly disabledByWarden = new Map<string, Map<string, WardenDisable>>();
  readonly orphanFirstSeen = new Map<string, Map<string, Date>>();
  /** Per source: account key -> the offboarding that disabled it. */
  readonly offboardedBy = new Map<string, Map<string, string>>();

  loadSourceState(source: string): Promise<SourceState> {
    return Promise.resolve({
      disabledByWarden: new Map(this.disabledByWarden.get(source)),
      orphanFirstSeen: new Map(this.orphanFirstSeen.get(source)),
      offboardedBy: new Map(this.offboardedBy.get(source)),
    });
  }
  recordOrphansSeen(source: string, accountKeys: readonly string[], at: Date): Promise<void> {
    const seen = this.orphanFirstSeen.get(source) ?? new Map<string, Date>();
    for (const key of accountKeys) if (!seen.has(key)) seen.set(key, at);
    this.orphanFirstSeen.set(source, seen);
    return Promise.resolve();
  }
  forgetOrphans(source: string, accountKeys: readonly string[]): Promise<void> {
    for (const key of accountKeys) this.orphanFirstSeen.get(source)?.delete(key);
    return Promise.resolve();
  }
  markDisabled(source: string, accountKey: string, actionId: string, at: Date): void {
    const disables = this.disabledByWarden.get(source) ?? new Map<string, WardenDisable>();
    disables.set(accountKey, { actionId, at });
    this.disabledByWarden.set(source, disables);
  }
}

export class MemoryFeedBaselines implements FeedBaselines {
  readonly baselines = new Map<FeedKind, FeedBaseline>();

  getFeedBaseline(kind: FeedKind): Promise<FeedBaseline | undefined> {
    return Promise.resolve(this.baselines.get(kind));
  }
  saveFeedBaseline(baseline: FeedBaseline): Promise<void> {
    this.baselines.set(baseline.kind, baseline);
    return Promise.resolve();
  }
}

/** Intents and outcomes; a completed action writes its audit entry once and marks the account. */
export class MemoryActionJournal implements ActionJournal, AuditLog {
  readonly actions = new Map<string, { intent: ActionIntent; status: 'pending' | 'done' }>();
  readonly audit: AuditEntry[] = [];

  constructor(private readonly memory: MemorySourceMemory) {}

  listPendingActions(): Promise<Set<string>> {
    return Promise.resolve(
      new Set([...this.actions].filter(([, a]) => a.status === 'pending').map(([id]) => id)),
    );
  }
  beginAction(intent: ActionIntent): Promise<'new' | 'done'> {
    if (this.actions.get(intent.actionId)?.status === 'done') return Promise.resolve('done');
    this.actions.set(intent.actionId, { intent, status: 'pending' });
    return Promise.resolve('new');
  }
  completeAction(intent: ActionIntent, outcome: ActionOutcome): Promise<void> {
    if (outcome.ok) this.complete(intent, outcome.at);
    return Promise.resolve();
  }
  completeActions(completed: readonly Completion[]): Promise<void> {
    for (const { intent, at } of completed) this.complete(intent, at);
    return Promise.resolve();
  }
  private complete(intent: ActionIntent, at: Date): void {
    if (this.actions.get(intent.actionId)?.status === 'done') return;
    this.actions.set(intent.actionId, { intent, status: 'done' });
    this.audit.push({ ...intent, at });
    this.memory.markDisabled(intent.source, intent.accountKey, intent.actionId, at);
  }
  listAudit(source: string, username: string): Promise<AuditEntry[]> {
    return Promise.resolve(
      this.audit.filter((a) => a.source === source && a.username === username),
    );
  }
}

export class MemoryAccessEnds implements AccessEndRegister {
  readonly ends = new Map<string, Map<string, Date>>();

  accessEndsAt(source: string, username: string): Promise<Date | undefined> {
    return Promise.resolve(this.ends.get(source)?.get(username));
  }
  recordAccessEnds(
    source: string,
    ends: ReadonlyMap<string, Date>,
    complete: boolean,
  ): Promise<void> {
    const current = complete
      ? new Map<string, Date>()
      : (this.ends.get(source) ?? new Map<string, Date>());
    for (const [username, at] of ends) current.set(username, at);
    this.ends.set(source, current);
    return Promise.resolve();
  }
}

export interface MemoryStorage extends ReconcileStorage {
  lock: MemoryRunLock;
  runs: MemoryRunStore;
  memory: MemorySourceMemory;
  baselines: MemoryFeedBaselines;
  journal: MemoryActionJournal;
  accessEnds: MemoryAccessEnds;
}

export function memoryStorage(): MemoryStorage {
  const memory = new MemorySourceMemory();
  return {
    lock: new MemoryRunLock(),
    runs: new MemoryRunStore(),
    memory,
    baselines: new MemoryFeedBaselines(),
    journal: new MemoryActionJournal(memory),
    accessEnds: new MemoryAccessEnds(),
  };
}
