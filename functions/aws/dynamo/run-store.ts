import type { RunStore } from '../../core/reconcile/ports.js';
import type { RunRecord, StoredFinding } from '../../core/reconcile/run-record.js';
import { ITEM_KEY, PARTITION } from '../../core/shared/table-keys.js';
import { type GovernanceTable, type Item, withoutKeys } from './governance-table.js';

/** Run records in one partition (run ids sort by time), findings in one partition per run. */
export class DynamoRunStore implements RunStore {
  constructor(private readonly table: GovernanceTable) {}

  async saveRun(run: RunRecord): Promise<void> {
    await this.table.put({ ...ITEM_KEY.run(run.runId), ...encodeRun(run) });
  }

  async getRun(runId: string): Promise<RunRecord | undefined> {
    const item = await this.table.get(ITEM_KEY.run(runId));
    return item ? decodeRun(item) : undefined;
  }

  async listRuns(limit: number): Promise<RunRecord[]> {
    const items = await this.table.queryAll(PARTITION.runs, { newestFirst: true, limit });
    return items.map(decodeRun);
  }

  async saveFindings(runId: string, findings: readonly StoredFinding[]): Promise<void> {
    await this.table.batchPut(
      findings.map((f) => ({ ...ITEM_KEY.finding(runId, f.source, f.username), ...f })),
    );
  }

  async listFindings(runId: string): Promise<StoredFinding[]> {
    const items = await this.table.queryAll(PARTITION.findings(runId));
    return items.map((item) => withoutKeys(item) as unknown as StoredFinding);
  }
}

/** Dates travel as ISO strings in DynamoDB. */
function encodeRun(run: RunRecord): Item {
  return {
    ...run,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString(),
  };
}

function decodeRun(item: Item): RunRecord {
  const run = withoutKeys(item) as unknown as RunRecord & {
    startedAt: string;
    finishedAt?: string;
  };
  return {
    ...run,
    startedAt: new Date(run.startedAt),
    finishedAt: run.finishedAt ? new Date(run.finishedAt) : undefined,
  };
}
