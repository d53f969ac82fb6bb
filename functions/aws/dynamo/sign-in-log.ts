import { randomBytes } from 'node:crypto';
import type { SignInDecisionEntry, SignInLog } from '../../core/geo/ports.js';
import { WardenError } from '../../core/shared/errors.js';
import { GOVERNANCE_TABLE, ITEM_KEY, PARTITION } from '../../core/shared/table-keys.js';
import { epochSeconds, type GovernanceTable, withoutKeys } from './governance-table.js';

const DAY_MS = 86_400_000;

/**
 * One item per sign-in decision, in one partition per person. Each is written once (never
 * over another) and expires after the retention: the addresses it holds are personal data.
 */
export class DynamoSignInLog implements SignInLog {
  constructor(
    private readonly table: GovernanceTable,
    private readonly retentionDays = 400,
  ) {}

  async recordDecision(entry: SignInDecisionEntry): Promise<void> {
    const written = await this.table.putIfAbsent({
      ...ITEM_KEY.signIn(
        entry.source,
        entry.username,
        entry.at,
        entry.outcome,
        randomBytes(4).toString('hex'),
      ),
      ...entry,
      at: entry.at.toISOString(),
      [GOVERNANCE_TABLE.ttlAttribute]: epochSeconds(
        new Date(entry.at.getTime() + this.retentionDays * DAY_MS),
      ),
    });
    if (!written)
      throw new WardenError('a sign-in decision with the same key was already recorded');
  }

  async listDecisions(source: string, username: string): Promise<SignInDecisionEntry[]> {
    const items = await this.table.queryAll(PARTITION.signIns(source, username));
    return items.map((item) => {
      const { [GOVERNANCE_TABLE.ttlAttribute]: _ttl, ...entry } = withoutKeys(item);
      return { ...(entry as unknown as SignInDecisionEntry), at: new Date(item.at as string) };
    });
  }
}
