import type { NonceRegister } from '../../core/geo/ports.js';
import { GOVERNANCE_TABLE, ITEM_KEY } from '../../core/shared/table-keys.js';
import type { GovernanceTable } from './governance-table.js';

/** Nonces seen, per trigger, expiring with a TTL once their context could no longer be valid. */
export class DynamoNonceRegister implements NonceRegister {
  constructor(private readonly table: GovernanceTable) {}

  claimNonce(nonce: string, trigger: string, expiresAt: Date): Promise<boolean> {
    return this.table.putIfAbsent({
      ...ITEM_KEY.nonce(nonce, trigger),
      [GOVERNANCE_TABLE.ttlAttribute]: Math.ceil(expiresAt.getTime() / 1000),
    });
  }
}
