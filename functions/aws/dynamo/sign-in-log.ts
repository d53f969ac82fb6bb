import type { SignInDecisionEntry, SignInLog } from '../../core/geo/ports.js';
import { ITEM_KEY, PARTITION } from '../../core/shared/table-keys.js';
import { type GovernanceTable, withoutKeys } from './governance-table.js';

/** One item per sign-in decision, in one partition per person. */
export class DynamoSignInLog implements SignInLog {
  constructor(private readonly table: GovernanceTable) {}

  async recordDecision(entry: SignInDecisionEntry): Promise<void> {
    await this.table.put({
      ...ITEM_KEY.signIn(entry.source, entry.username, entry.at, entry.outcome),
      ...entry,
      at: entry.at.toISOString(),
    });
  }

  async listDecisions(source: string, username: string): Promise<SignInDecisionEntry[]> {
    const items = await this.table.queryAll(PARTITION.signIns(source, username));
    return items.map((item) => ({
      ...(withoutKeys(item) as unknown as SignInDecisionEntry),
      at: new Date(item.at as string),
    }));
  }
}
