import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { GOVERNANCE_TABLE } from '../../functions/core/shared/table-keys.js';

/** Runs, findings, actions, audit entries and locks: one table, keys shared with local provisioning. */
export class GovernanceTable extends Construct {
  readonly table: TableV2;

  constructor(scope: Construct, id: string, props: { key: Key }) {
    super(scope, id);
    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: GOVERNANCE_TABLE.partitionKey, type: AttributeType.STRING },
      sortKey: { name: GOVERNANCE_TABLE.sortKey, type: AttributeType.STRING },
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      timeToLiveAttribute: GOVERNANCE_TABLE.ttlAttribute,
      encryption: TableEncryptionV2.customerManagedKey(props.key),
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
