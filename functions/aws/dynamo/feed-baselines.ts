import type { FeedKind } from '../../core/hr/hr-record.js';
import type { FeedBaseline } from '../../core/reconcile/feed-baseline.js';
import type { FeedBaselines } from '../../core/reconcile/ports.js';
import { ITEM_KEY } from '../../core/shared/table-keys.js';
import type { GovernanceTable } from './governance-table.js';

/** The size of the last accepted feed of each kind. */
export class DynamoFeedBaselines implements FeedBaselines {
  constructor(private readonly table: GovernanceTable) {}

  async getFeedBaseline(kind: FeedKind): Promise<FeedBaseline | undefined> {
    const item = await this.table.get(ITEM_KEY.feedBaseline(kind));
    if (!item) return undefined;
    return {
      kind,
      records: item.records as number,
      runId: item.runId as string,
      acceptedAt: new Date(item.acceptedAt as string),
    };
  }

  async saveFeedBaseline(baseline: FeedBaseline): Promise<void> {
    await this.table.put({
      ...ITEM_KEY.feedBaseline(baseline.kind),
      records: baseline.records,
      runId: baseline.runId,
      acceptedAt: baseline.acceptedAt.toISOString(),
    });
  }
}
