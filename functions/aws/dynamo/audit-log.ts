import type { AuditEntry, AuditLog } from '../../core/shared/audit.js';
import { PARTITION } from '../../core/shared/table-keys.js';
import type { GovernanceTable } from './governance-table.js';

/** The audit entries the action journal wrote, one partition per account. */
export class DynamoAuditLog implements AuditLog {
  constructor(private readonly table: GovernanceTable) {}

  async listAudit(source: string, username: string): Promise<AuditEntry[]> {
    const items = await this.table.queryAll(PARTITION.audit(source, username));
    return items.map((item) => ({
      actionId: item.actionId as string,
      runId: item.runId as string,
      kind: item.kind as string,
      source: item.source as string,
      username: item.username as string,
      reason: item.reason as string,
      at: new Date(item.at as string),
      ...(item.actor ? { actor: item.actor as string } : {}),
    }));
  }
}
