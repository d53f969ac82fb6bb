import type { OffboardedAccounts } from '../../core/offboarding/ports.js';
import type { SourceMemory, SourceState, WardenDisable } from '../../core/reconcile/ports.js';
import {
  GOVERNANCE_TABLE,
  ITEM_KEY,
  PARTITION,
  sourceMemoryEntry,
} from '../../core/shared/table-keys.js';
import type { GovernanceTable } from './governance-table.js';

/**
 * Accounts Warden disabled (written by the action journal), orphans first seen, and accounts an
 * HR offboarding disabled, per source.
 */
export class DynamoSourceMemory implements SourceMemory, OffboardedAccounts {
  constructor(private readonly table: GovernanceTable) {}

  async loadSourceState(source: string): Promise<SourceState> {
    const disabledByWarden = new Map<string, WardenDisable>();
    const orphanFirstSeen = new Map<string, Date>();
    const offboardedBy = new Map<string, string>();
    for (const item of await this.table.queryAll(PARTITION.source(source))) {
      const entry = sourceMemoryEntry(item[GOVERNANCE_TABLE.sortKey] as string);
      if (entry?.kind === 'disabled')
        disabledByWarden.set(entry.accountKey, {
          actionId: String(item.actionId),
          at: new Date(item.at as string),
        });
      if (entry?.kind === 'orphan')
        orphanFirstSeen.set(entry.accountKey, new Date(item.firstSeen as string));
      if (entry?.kind === 'offboarded')
        offboardedBy.set(entry.accountKey, item.offboardingId as string);
    }
    return { disabledByWarden, orphanFirstSeen, offboardedBy };
  }

  async recordOrphansSeen(source: string, accountKeys: readonly string[], at: Date): Promise<void> {
    const known = (await this.loadSourceState(source)).orphanFirstSeen;
    await this.table.batchPut(
      accountKeys
        .filter((key) => !known.has(key))
        .map((key) => ({ ...ITEM_KEY.orphanSeen(source, key), firstSeen: at.toISOString() })),
    );
  }

  async forgetOrphans(source: string, accountKeys: readonly string[]): Promise<void> {
    await this.table.batchWrite(
      [],
      accountKeys.map((key) => ITEM_KEY.orphanSeen(source, key)),
    );
  }

  async disablingAction(source: string, accountKey: string): Promise<string | undefined> {
    const item = await this.table.get(ITEM_KEY.disabledByWarden(source, accountKey), true);
    return item ? String(item.actionId) : undefined;
  }

  async markOffboarded(
    source: string,
    accountKey: string,
    offboardingId: string,
    at: Date,
  ): Promise<void> {
    await this.table.put({
      ...ITEM_KEY.offboardedAccount(source, accountKey),
      offboardingId,
      at: at.toISOString(),
    });
  }
}
