import type { SignInGrant, SignInGrants } from '../../core/geo/ports.js';
import { GOVERNANCE_TABLE, ITEM_KEY } from '../../core/shared/table-keys.js';
import { epochSeconds, type GovernanceTable } from './governance-table.js';

/** Grants by context nonce, written once and expired by TTL (pre-token also checks the time). */
export class DynamoSignInGrants implements SignInGrants {
  constructor(private readonly table: GovernanceTable) {}

  async grant(nonce: string, grant: SignInGrant, expiresAt: Date): Promise<void> {
    await this.table.putIfAbsent({
      ...ITEM_KEY.grant(nonce),
      ...grant,
      [GOVERNANCE_TABLE.ttlAttribute]: epochSeconds(expiresAt),
    });
  }

  async find(nonce: string): Promise<SignInGrant | undefined> {
    const item = await this.table.get(ITEM_KEY.grant(nonce), true);
    if (!item) return undefined;
    return {
      username: item.username as string,
      decision: item.decision as SignInGrant['decision'],
      country: (item.country as string | null | undefined) ?? null,
    };
  }
}
