// Shapes of the resources Warden keeps its data in. The CDK stack and the local provisioning
// both build from these, so a deployed and a local Warden never drift apart.

export const GOVERNANCE_TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds; DynamoDB's TTL deletes locks and other short-lived items. */
  ttlAttribute: 'expiresAt',
} as const;

/** Report artifacts: `runs/YYYY/MM/DD/<runId>/report.{json,csv}` in the reports bucket. */
export function reportKey(runId: string, startedAt: Date, extension: 'json' | 'csv'): string {
  const day = startedAt.toISOString().slice(0, 10).replaceAll('-', '/');
  return `runs/${day}/${runId}/report.${extension}`;
}

/** Where the scheduled run reads the HR feed when the event names none. */
export const DEFAULT_FEED_KEY = 'feeds/roster.csv';

/** Environment variables through which a function learns its resources. */
export const RESOURCE_ENV = {
  table: 'WARDEN_TABLE',
  reportsBucket: 'WARDEN_REPORTS_BUCKET',
  feedBucket: 'WARDEN_FEED_BUCKET',
  topicArn: 'WARDEN_TOPIC_ARN',
  config: 'WARDEN_CONFIG',
  geoPolicy: 'WARDEN_GEO_POLICY',
  geoKeySecret: 'WARDEN_GEO_KEY_SECRET',
  codeSender: 'WARDEN_CODE_SENDER',
  geoDatabase: 'WARDEN_GEO_DB',
} as const;

/** The immutable custom attribute that carries the HR employee id in a Cognito user pool. */
export const EMPLOYEE_ID_ATTRIBUTE = { name: 'employee_id', maxLength: 64 } as const;
export const DEFAULT_CORRELATION_ATTRIBUTE = `custom:${EMPLOYEE_ID_ATTRIBUTE.name}`;

/** CloudWatch metrics the reconcile function emits and the stack's alarms watch. */
export const RECONCILE_METRICS = {
  namespace: 'Warden',
  service: 'warden-reconcile',
  succeeded: 'RunsSucceeded',
  quarantined: 'RunsQuarantined',
  rejected: 'RunsRejected',
  failed: 'RunsFailed',
  accountsDisabled: 'AccountsDisabled',
  actionsFailed: 'ActionsFailed',
} as const;
