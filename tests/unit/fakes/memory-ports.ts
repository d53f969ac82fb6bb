// In-memory implementations of the core's ports, for unit tests of the core only.
import type { Account } from '../../../functions/core/account.js';
import type { FeedKind } from '../../../functions/core/hr/hr-record.js';
import type {
  AccountDirectory,
  ActionIntent,
  ActionOutcome,
  AuditEntry,
  Clock,
  FeedBaseline,
  GovernanceStore,
  IdGenerator,
  Notifier,
  ReportFiles,
  ReportStore,
  RunNotice,
  SourceState,
} from '../../../functions/core/ports.js';
import type { RunRecord, StoredFinding } from '../../../functions/core/reconcile/run-record.js';

export class MemoryDirectory implements AccountDirectory {
  readonly disableCalls: string[] = [];
  /** Usernames whose disable call throws, to simulate a failure or a crash. */
  failOn = new Set<string>();

  constructor(
    readonly source: string,
    readonly accounts: Account[],
  ) {}

  async *listAccounts(): AsyncIterable<Account> {
    for (const account of this.accounts) yield { ...account };
  }

  groups = new Map<string, string[]>();
  async *groupMembers(group: string): AsyncIterable<string> {
    yield* this.groups.get(group) ?? [];
  }

  async disable(account: Account): Promise<void> {
    if (this.failOn.has(account.username)) {
      const error = new Error('simulated');
      error.name = 'SimulatedFailure';
      throw error;
    }
    this.disableCalls.push(account.username);
    const stored = this.accounts.find((a) => a.username === account.username);
    if (stored) stored.enabled = false;
  }
}

export class MemoryStore implements GovernanceStore {
  runs = new Map<string, RunRecord>();
  findings = new Map<string, StoredFinding[]>();
  locks = new Map<string, { owner: string; until: Date }>();
  states = new Map<string, SourceState>();
  baselines = new Map<FeedKind, FeedBaseline>();
  actions = new Map<string, { intent: ActionIntent; status: 'pending' | 'done' }>();
  audit: AuditEntry[] = [];

  async acquireLock(name: string, owner: string, now: Date, until: Date) {
    const held = this.locks.get(name);
    if (held && held.until > now) return false;
    this.locks.set(name, { owner, until });
    return true;
  }
  async releaseLock(name: string, owner: string) {
    if (this.locks.get(name)?.owner === owner) this.locks.delete(name);
  }
  async saveRun(run: RunRecord) {
    this.runs.set(run.runId, structuredClone(run));
  }
  async getRun(runId: string) {
    return this.runs.get(runId);
  }
  async listRuns(limit: number) {
    return [...this.runs.values()].reverse().slice(0, limit);
  }
  async saveFindings(runId: string, findings: StoredFinding[]) {
    this.findings.set(runId, structuredClone(findings));
  }
  async listFindings(runId: string) {
    return this.findings.get(runId) ?? [];
  }
  state(source: string): SourceState {
    let state = this.states.get(source);
    if (!state) {
      state = { disabledByWarden: new Set(), orphanFirstSeen: new Map() };
      this.states.set(source, state);
    }
    return state;
  }
  async loadSourceState(source: string) {
    const state = this.state(source);
    return {
      disabledByWarden: new Set(state.disabledByWarden),
      orphanFirstSeen: new Map(state.orphanFirstSeen),
    };
  }
  async recordOrphansSeen(source: string, keys: string[], at: Date) {
    const seen = this.state(source).orphanFirstSeen;
    for (const key of keys) if (!seen.has(key)) seen.set(key, at);
  }
  accessEnds = new Map<string, Map<string, Date>>();
  async recordAccessEnds(source: string, ends: Map<string, Date>, complete: boolean) {
    const current = complete
      ? new Map<string, Date>()
      : (this.accessEnds.get(source) ?? new Map<string, Date>());
    for (const [username, at] of ends) current.set(username, at);
    this.accessEnds.set(source, current);
  }
  async getFeedBaseline(kind: FeedKind) {
    return this.baselines.get(kind);
  }
  async saveFeedBaseline(baseline: FeedBaseline) {
    this.baselines.set(baseline.kind, baseline);
  }
  async listPendingActions() {
    return new Set([...this.actions].filter(([, a]) => a.status === 'pending').map(([id]) => id));
  }
  async beginAction(intent: ActionIntent) {
    if (this.actions.get(intent.actionId)?.status === 'done') return 'done' as const;
    this.actions.set(intent.actionId, { intent, status: 'pending' });
    return 'new' as const;
  }
  async completeAction(intent: ActionIntent, outcome: ActionOutcome) {
    const action = this.actions.get(intent.actionId);
    if (!outcome.ok || action?.status === 'done') return;
    this.actions.set(intent.actionId, { intent, status: 'done' });
    this.audit.push({ ...intent, at: outcome.at });
    this.state(intent.source).disabledByWarden.add(intent.accountKey);
  }
  async listAudit(source: string, username: string) {
    return this.audit.filter((a) => a.source === source && a.username === username);
  }
}

export class MemoryReports implements ReportStore {
  written = new Map<string, { json: string; csv: string }>();
  async write(
    runId: string,
    _startedAt: Date,
    files: { json: string; csv: string },
  ): Promise<ReportFiles> {
    this.written.set(runId, files);
    return { json: `mem://${runId}/report.json`, csv: `mem://${runId}/report.csv` };
  }
}

export class MemoryNotifier implements Notifier {
  notices: RunNotice[] = [];
  async notify(notice: RunNotice) {
    this.notices.push(notice);
  }
}

export class FixedClock implements Clock {
  constructor(public current: Date) {}
  now() {
    return new Date(this.current);
  }
}

export function sequentialIds(): IdGenerator {
  let n = 0;
  return { runId: () => `run-${String(++n).padStart(3, '0')}` };
}
