import type { S3Client } from '@aws-sdk/client-s3';
import type { ReconcileConfig } from '../core/config/reconcile-config.js';
import type { SignInLog } from '../core/geo/ports.js';
import type { DecideQuarantineDependencies } from '../core/review/decide-quarantine.js';
import type { FindPersonDependencies } from '../core/review/find-person.js';
import type { QuarantineDecisions, SignInHistory } from '../core/review/ports.js';
import type { RestoreDependencies } from '../core/review/restore-account.js';
import type { ShowRunDependencies } from '../core/review/show-run.js';
import type { Clock } from '../core/shared/clock.js';
import { cognitoClient } from './clients/cognito.js';
import { CognitoGovernedPool } from './cognito-governed-pool.js';
import { DynamoAccountIndex } from './dynamo/account-index.js';
import { DynamoAdminAudit } from './dynamo/admin-audit.js';
import { DynamoAuditLog } from './dynamo/audit-log.js';
import type { GovernanceTable } from './dynamo/governance-table.js';
import { DynamoOffboardingStore } from './dynamo/offboarding-store.js';
import { DynamoRestoreLedger } from './dynamo/restore-ledger.js';
import { DynamoRunStore } from './dynamo/run-store.js';
import { DynamoSignInLog } from './dynamo/sign-in-log.js';
import { S3ReportArchive } from './s3-report-archive.js';

/** Everything the review services need (runs, quarantines, restores, people, sign-ins), in one. */
export type ReviewServices = ShowRunDependencies &
  DecideQuarantineDependencies &
  RestoreDependencies &
  FindPersonDependencies & { signIns: SignInHistory & Pick<SignInLog, 'listDecisions'> };

export interface ReviewSettings {
  table: GovernanceTable;
  s3: S3Client;
  /** The governed pools, from the deployment's configuration. */
  accountSources: ReconcileConfig['accountSources'];
  /** How quarantines are decided: the deployed reconcile function, or the local one. */
  decisions: QuarantineDecisions;
  clock: Clock;
  consoleUrl?: string;
}

/**
 * The review capability wired to AWS: the governance table's roles, the reports bucket, Cognito.
 * The console API and the admin CLI build theirs here.
 */
export function reviewServices(settings: ReviewSettings): ReviewServices {
  const { table } = settings;
  const cognito = cognitoClient();
  return {
    runs: new DynamoRunStore(table),
    reports: new S3ReportArchive(settings.s3),
    decisions: settings.decisions,
    audit: new DynamoAdminAudit(table),
    trail: new DynamoAuditLog(table),
    ledger: new DynamoRestoreLedger(table),
    pools: settings.accountSources.map(
      (s) => new CognitoGovernedPool(cognito, s.userPoolId, s.correlationAttribute),
    ),
    index: new DynamoAccountIndex(table),
    offboardings: new DynamoOffboardingStore(table),
    signIns: new DynamoSignInLog(table),
    clock: settings.clock,
    consoleUrl: settings.consoleUrl,
  };
}
