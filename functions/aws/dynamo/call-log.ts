import type { TableKey } from '../../core/shared/table-keys.js';
import { type GovernanceTable, withoutKeys } from './governance-table.js';

/** Calls of an API, one partition per day: who called, what, and how it was answered. */
export class DynamoCallLog<E extends { callId: string; at: Date }> {
  constructor(
    private readonly table: GovernanceTable,
    private readonly keys: {
      item: (at: Date, callId: string) => TableKey;
      day: (day: string) => string;
    },
  ) {}

  async recordCall(entry: E): Promise<void> {
    await this.table.put({
      ...this.keys.item(entry.at, entry.callId),
      ...entry,
      at: entry.at.toISOString(),
    });
  }

  async listCalls(day: string): Promise<E[]> {
    const items = await this.table.queryAll(this.keys.day(day));
    return items.map((item) => ({
      ...(withoutKeys(item) as unknown as E),
      at: new Date(item.at as string),
    }));
  }
}
