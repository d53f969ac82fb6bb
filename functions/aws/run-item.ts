import type { RunRecord } from '../core/reconcile/run-record.js';

/** Dates travel as ISO strings in DynamoDB. */
export function encodeRun(run: RunRecord): Record<string, unknown> {
  return {
    ...run,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString(),
  };
}

export function decodeRun(item: Record<string, unknown>): RunRecord {
  const { pk: _pk, sk: _sk, ...rest } = item;
  const run = rest as unknown as RunRecord & { startedAt: string; finishedAt?: string };
  return {
    ...run,
    startedAt: new Date(run.startedAt),
    finishedAt: run.finishedAt ? new Date(run.finishedAt) : undefined,
  };
}
