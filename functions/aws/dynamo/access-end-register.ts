import type { AccessEndRegister } from '../../core/shared/access-end-register.js';
import { GOVERNANCE_TABLE, ITEM_KEY, PARTITION } from '../../core/shared/table-keys.js';
import type { GovernanceTable } from './governance-table.js';

/** When access ends, one item per account in one partition per source. */
export class DynamoAccessEndRegister implements AccessEndRegister {
  constructor(private readonly table: GovernanceTable) {}

  async accessEndsAt(source: string, username: string): Promise<Date | undefined> {
    const item = await this.table.get(ITEM_KEY.accessEnd(source, username));
    return item ? new Date(item.accessEndsAt as string) : undefined;
  }

  async recordAccessEnds(
    source: string,
    ends: ReadonlyMap<string, Date>,
    complete: boolean,
  ): Promise<void> {
    const existing = new Map(
      (await this.table.queryAll(PARTITION.accessEnds(source))).map((item) => [
        item[GOVERNANCE_TABLE.sortKey] as string,
        item.accessEndsAt as string,
      ]),
    );
    const changed = [...ends].filter(
      ([username, at]) => existing.get(username) !== at.toISOString(),
    );
    await this.table.batchPut(
      changed.map(([username, at]) => ({
        ...ITEM_KEY.accessEnd(source, username),
        accessEndsAt: at.toISOString(),
      })),
    );
    if (!complete) return;
    for (const username of existing.keys()) {
      if (!ends.has(username)) await this.table.delete(ITEM_KEY.accessEnd(source, username));
    }
  }
}
