import type { AdminActionEntry, AdminAudit } from '../../core/review/ports.js';
import { ITEM_KEY, PARTITION } from '../../core/shared/table-keys.js';
import { type GovernanceTable, withoutKeys } from './governance-table.js';

/** Admins' approvals, rejections and restores, one partition per UTC day. */
export class DynamoAdminAudit implements AdminAudit {
  constructor(private readonly table: GovernanceTable) {}

  async record(entry: AdminActionEntry): Promise<void> {
    await this.table.put({
      ...ITEM_KEY.adminAction(entry.at, entry.id),
      ...entry,
      at: entry.at.toISOString(),
    });
  }

  async list(day: string): Promise<AdminActionEntry[]> {
    const items = await this.table.queryAll(PARTITION.adminActions(day));
    return items.map((item) => ({
      ...(withoutKeys(item) as unknown as AdminActionEntry),
      at: new Date(item.at as string),
    }));
  }
}
