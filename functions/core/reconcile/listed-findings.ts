import type { RunStore } from './ports.js';
import type { RunMode, StoredFinding } from './run-record.js';
import type { Finding } from './situation.js';
import { beforeApplying, needsReview } from './stored-findings.js';

/** One DynamoDB batch. */
const FINDINGS_PER_WRITE = 25;

/**
 * Stores a run's findings while its accounts are listed, so that the run's end has few left to
 * write (decision 0047). It stores those worth a review that nothing after the listing can
 * change: all of a dry-run's, and those an applied run plans no change for. A planned disable
 * of an applied run is stored at the end, with its outcome. Writes are 25 findings each and
 * one at a time, so that they never crowd the listing's own requests.
 */
export class ListedFindings {
  private batch: StoredFinding[] = [];
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly runs: Pick<RunStore, 'saveFindings'>,
    private readonly runId: string,
    private readonly mode: RunMode,
  ) {}

  /** Whether `finding` is stored here, rather than at the run's end. */
  storesNow(finding: Finding): boolean {
    return needsReview(finding) && (this.mode === 'dry-run' || finding.action === 'none');
  }

  add(finding: Finding): void {
    if (!this.storesNow(finding)) return;
    this.batch.push(beforeApplying(finding));
    if (this.batch.length === FINDINGS_PER_WRITE) this.write();
  }

  /** Writes the rest and waits for every write; fails if one failed. */
  async flush(): Promise<void> {
    if (this.batch.length > 0) this.write();
    await this.writes;
  }

  private write(): void {
    const batch = this.batch;
    this.batch = [];
    this.writes = this.writes.then(() => this.runs.saveFindings(this.runId, batch));
    // A failed write is reported by `flush`; the writes queued after it are not made.
    this.writes.catch(() => undefined);
  }
}
