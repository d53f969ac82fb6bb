import type { ReconcileStorage } from '../../core/reconcile/ports.js';
import { DynamoAccessEndRegister } from './access-end-register.js';
import { DynamoActionJournal } from './action-journal.js';
import { DynamoFeedBaselines } from './feed-baselines.js';
import type { GovernanceTable } from './governance-table.js';
import { DynamoRunLock } from './run-lock.js';
import { DynamoRunStore } from './run-store.js';
import { DynamoSourceMemory } from './source-memory.js';

/** Every store a reconciliation run uses, each role on the one governance table. */
export function dynamoReconcileStorage(table: GovernanceTable): ReconcileStorage {
  return {
    lock: new DynamoRunLock(table),
    runs: new DynamoRunStore(table),
    memory: new DynamoSourceMemory(table),
    baselines: new DynamoFeedBaselines(table),
    journal: new DynamoActionJournal(table),
    accessEnds: new DynamoAccessEndRegister(table),
  };
}
