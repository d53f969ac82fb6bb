import type { LambdaConfig } from '../../core/geo/pool-fence.js';
import type { FenceMemory } from '../../core/geo/ports.js';
import { ITEM_KEY } from '../../core/shared/table-keys.js';
import type { GovernanceTable } from './governance-table.js';

/** Each fenced pool's trigger configuration from before Warden, kept to restore on removal. */
export class DynamoFenceMemory implements FenceMemory {
  constructor(private readonly table: GovernanceTable) {}

  async previous(userPoolId: string): Promise<LambdaConfig | undefined> {
    const item = await this.table.get(ITEM_KEY.fence(userPoolId), true);
    return item ? (JSON.parse(item.lambdaConfig as string) as LambdaConfig) : undefined;
  }

  async remember(userPoolId: string, config: LambdaConfig): Promise<void> {
    await this.table.put({ ...ITEM_KEY.fence(userPoolId), lambdaConfig: JSON.stringify(config) });
  }

  async forget(userPoolId: string): Promise<void> {
    await this.table.delete(ITEM_KEY.fence(userPoolId));
  }
}
