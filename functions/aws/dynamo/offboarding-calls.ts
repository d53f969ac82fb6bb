import type { ApiCallAudit, ApiCallEntry } from '../../core/offboarding/ports.js';
import { ITEM_KEY, PARTITION } from '../../core/shared/table-keys.js';
import { DynamoCallLog } from './call-log.js';
import type { GovernanceTable } from './governance-table.js';

/** Every call of the offboarding API, one partition per day. */
export class DynamoApiCallAudit extends DynamoCallLog<ApiCallEntry> implements ApiCallAudit {
  constructor(table: GovernanceTable) {
    super(table, { item: ITEM_KEY.offboardingCall, day: PARTITION.offboardingCalls });
  }
}
