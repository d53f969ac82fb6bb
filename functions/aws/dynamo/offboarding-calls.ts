import type { ApiCallAudit, ApiCallEntry } from '../../core/offboarding/ports.js';
import { ITEM_KEY, PARTITION } from '../../core/shared/table-keys.js';
import { type GovernanceTable, withoutKeys } from './governance-table.js';

/** Every call of the offboarding API, one partition per day. */
export class DynamoApiCallAudit implements ApiCallAudit {
  constructor(private readonly table: GovernanceTable) {}

  async recordCall(entry: ApiCallEntry): Promise<void> {
    await this.table.put({
      ...ITEM_KEY.offboardingCall(entry.at, entry.callId),
      ...entry,
      at: entry.at.toISOString(),
    });
  }

  async listCalls(day: string): Promise<ApiCallEntry[]> {
    const items = await this.table.queryAll(PARTITION.offboardingCalls(day));
    return items.map((item) => ({
      ...(withoutKeys(item) as unknown as ApiCallEntry),
      at: new Date(item.at as string),
    }));
  }
}
