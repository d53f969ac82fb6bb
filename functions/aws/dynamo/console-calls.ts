import type { ConsoleAudit, ConsoleCallEntry } from '../../core/console/ports.js';
import { ITEM_KEY, PARTITION } from '../../core/shared/table-keys.js';
import { DynamoCallLog } from './call-log.js';
import type { GovernanceTable } from './governance-table.js';

/** Every call of the console API, refused ones included, one partition per day. */
export class DynamoConsoleAudit extends DynamoCallLog<ConsoleCallEntry> implements ConsoleAudit {
  constructor(table: GovernanceTable) {
    super(table, { item: ITEM_KEY.consoleCall, day: PARTITION.consoleCalls });
  }
}
