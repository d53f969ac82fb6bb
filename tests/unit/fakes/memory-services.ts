// In-memory implementations of the core's other ports, for unit tests of the core.
import type { Account } from '../../../functions/core/account.js';
import type {
  AccountDirectory,
  CheckpointStore,
  FeedLocation,
  FeedObject,
  FeedSource,
  ListedPage,
  ListingCursor,
  Notifier,
  PendingReportArtifacts,
  ReportArtifacts,
  ReportStore,
  RunNotice,
} from '../../../functions/core/reconcile/ports.js';
import type { ReportFiles } from '../../../functions/core/reconcile/run-record.js';
import type { Clock, IdGenerator } from '../../../functions/core/shared/clock.js';
import { ListingExpiredError } from '../../../functions/core/shared/errors.js';
import type { EventLog } from '../../../functions/core/shared/event-log.js';

export class MemoryDirectory implements AccountDirectory {
  readonly disableCalls: string[] = [];
  /** Usernames whose disable call throws, to simulate a failure or a crash. */
  failOn = new Set<string>();
  groups = new Map<string, string[]>();

  constructor(
    readonly source: string,
    readonly accounts: Account[],
  ) {}

  /** Accounts per listed page; a token is the offset of the next page. */
  pageSize = 2;
  /** Tokens it refuses as expired, and how many more times: a listing begun afresh gets new ones. */
  readonly expiredTokens = new Map<string, number>();
  readonly pagesListed: string[] = [];

  async *listAccounts(): AsyncIterable<Account> {
    for (const account of this.accounts) yield await Promise.resolve({ ...account });
  }

  startListing(): ListingCursor {
    return { segments: [{ key: '', done: false }] };
  }

  async *listPages(cursor: ListingCursor): AsyncIterable<ListedPage> {
    let token = cursor.segments[0]?.token;
    let done = cursor.segments[0]?.done ?? true;
    while (!done) {
      const refusals = (token && this.expiredTokens.get(token)) || 0;
      if (token && refusals > 0) {
        this.expiredTokens.set(token, refusals - 1);
        throw new ListingExpiredError(this.source);
      }
      const from = Number(token ?? 0);
      this.pagesListed.push(String(from));
      const accounts = this.accounts.slice(from, from + this.pageSize).map((a) => ({ ...a }));
      const next = from + this.pageSize;
      token = next < this.accounts.length ? String(next) : undefined;
      done = token === undefined;
      yield await Promise.resolve({ accounts, cursor: { segments: [{ key: '', token, done }] } });
    }
  }

  estimatedSize(): Promise<number> {
    return Promise.resolve(this.accounts.length);
  }

  async *groupMembers(group: string): AsyncIterable<string> {
    for (const member of this.groups.get(group) ?? []) yield await Promise.resolve(member);
  }

  disable(account: Account): Promise<void> {
    if (this.failOn.has(account.username)) {
      return Promise.reject(Object.assign(new Error('simulated'), { name: 'SimulatedFailure' }));
    }
    this.disableCalls.push(account.username);
    const stored = this.accounts.find((a) => a.username === account.username);
    if (stored) stored.enabled = false;
    return Promise.resolve();
  }
}

export class MemoryReports implements ReportStore {
  readonly written = new Map<string, ReportArtifacts>();

  async write(
    runId: string,
    _startedAt: Date,
    files: PendingReportArtifacts,
  ): Promise<ReportFiles> {
    const [json, csv, html] = await Promise.all([files.json, files.csv, files.html]);
    this.written.set(runId, { json, csv, ...(html === undefined ? {} : { html }) });
    return { json: `mem://${runId}/report.json`, csv: `mem://${runId}/report.csv` };
  }
}

export class MemoryNotifier implements Notifier {
  readonly notices: RunNotice[] = [];

  notify(notice: RunNotice): Promise<void> {
    this.notices.push(notice);
    return Promise.resolve();
  }
}

/** Feed objects by bucket and key, each put a new version (v1, v2, ...); every read is kept. */
export class MemoryFeeds implements FeedSource {
  readonly versions = new Map<string, string[]>();
  readonly reads: FeedLocation[] = [];

  put(bucket: string, key: string, text: string): void {
    const versions = this.versions.get(`${bucket}/${key}`) ?? [];
    this.versions.set(`${bucket}/${key}`, [...versions, text]);
  }

  read(location: FeedLocation, maxBytes: number): Promise<FeedObject> {
    this.reads.push(location);
    const versions = this.versions.get(`${location.bucket}/${location.key}`) ?? [];
    const index = location.version ? Number(location.version.slice(1)) - 1 : versions.length - 1;
    const text = versions[index];
    return text === undefined
      ? Promise.reject(Object.assign(new Error('no such key'), { name: 'NoSuchKey' }))
      : Promise.resolve({
          bytes: new TextEncoder().encode(text).subarray(0, maxBytes + 1),
          version: `v${index + 1}`,
        });
  }
}

export class FixedClock implements Clock {
  constructor(public current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
}

export function sequentialIds(): IdGenerator {
  let n = 0;
  return { runId: () => `run-${String(++n).padStart(3, '0')}` };
}

/** Keeps every line, so tests can check that logs carry no personal data. */
export class MemoryLog implements EventLog {
  readonly lines: { level: 'info' | 'warn'; message: string; detail?: Record<string, unknown> }[] =
    [];
  info(message: string, detail?: Record<string, unknown>): void {
    this.lines.push({ level: 'info', message, detail });
  }
  warn(message: string, detail?: Record<string, unknown>): void {
    this.lines.push({ level: 'warn', message, detail });
  }
}

/** Checkpoints as JSON text, as they are stored: dates come back as strings. */
export class MemoryCheckpoints implements CheckpointStore {
  readonly parts = new Map<string, string>();
  /** Parts whose next write fails once, as a crashed invocation would leave them unwritten. */
  readonly failNextPut = new Set<string>();

  put(runId: string, part: string, lines: readonly unknown[]): Promise<void> {
    if (this.failNextPut.delete(part)) return Promise.reject(new Error('the invocation crashed'));
    this.parts.set(`${runId}/${part}`, JSON.stringify(lines));
    return Promise.resolve();
  }

  get(runId: string, part: string): Promise<unknown[] | undefined> {
    const text = this.parts.get(`${runId}/${part}`);
    return Promise.resolve(text === undefined ? undefined : JSON.parse(text));
  }

  clear(runId: string): Promise<void> {
    for (const key of [...this.parts.keys()])
      if (key.startsWith(`${runId}/`)) this.parts.delete(key);
    return Promise.resolve();
  }
}
