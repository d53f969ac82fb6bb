import {
  CognitoIdentityProviderClient,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { documentClient } from '../../functions/aws/clients/dynamodb.js';
import { DynamoAuditLog } from '../../functions/aws/dynamo/audit-log.js';
import { GovernanceTable } from '../../functions/aws/dynamo/governance-table.js';
import { DynamoRunStore } from '../../functions/aws/dynamo/run-store.js';
import { type AuditVerification, verifyAudit } from '../../functions/core/audit/verify-audit.js';
import { DEFAULT_FEED_KEY } from '../../functions/core/shared/bucket-layout.js';
import type { Clock } from '../../functions/core/shared/clock.js';
import { createReconcileHandler } from '../../functions/reconcile/create-handler.js';
import { reconcileDependencies } from '../../functions/reconcile/dependencies.js';
import type {
  ReconcileEvent,
  ReconcileResponse,
} from '../../functions/reconcile/reconcile-event.js';
import type { LocalWarden } from '../../local/local-warden.js';
import { functionEnvironment } from '../../local/provision.js';
import { listedUser, seedUsers, uploadFeed } from '../../local/seed.js';
import { localWarden } from '../integration/local-aws.js';

// One small press office for the reliability suites: twenty people, six of whom have left with
// their accounts still enabled, one person with two accounts, and two accounts nobody owns. Each
// world has its own table, buckets and pool on the shared local AWS.

export const PEOPLE = Array.from({ length: 20 }, (_, i) => {
  const n = String(i + 1).padStart(2, '0');
  return {
    employeeId: `E${n}`,
    username: `user${n}`,
    email: `person${n}@press.example`,
    name: `Given${n} Surname${n}`,
    leaver: (i + 1) % 3 === 0 && i < 18,
  };
});
/** A second account of the first person, found by the employee id. */
export const SECOND_ACCOUNT = 'user01-admin';
export const ORPHANS = ['contractor1', 'contractor2'];

export const ROSTER = [
  'employee_id,email,display_name,status,last_day',
  ...PEOPLE.map(
    (p) => `${p.employeeId},${p.email},${p.name},${p.leaver ? 'leaver,2024-01-31' : 'active,'}`,
  ),
].join('\n');

export interface World {
  warden: LocalWarden;
  /** The emulator itself, never the fault proxy: what the suites check the world with. */
  endpoint: string;
  cognito: CognitoIdentityProviderClient;
  table: GovernanceTable;
  config: Record<string, unknown>;
}

/** Provisions and seeds a world on the shared local AWS; AWS_ENDPOINT_URL is left at the emulator. */
export async function createWorld(): Promise<World> {
  const warden = await localWarden();
  const endpoint = warden.emulator.endpoint;
  const cognito = new CognitoIdentityProviderClient({ endpoint });
  const { userPoolId, feedBucket } = warden.resources;
  await seedUsers(cognito, userPoolId, [
    ...PEOPLE.map((p) => listedUser(p.username, p.email, p.employeeId)),
    listedUser(SECOND_ACCOUNT, 'person01.admin@press.example', 'E01'),
    ...ORPHANS.map((o) => listedUser(o, `${o}@agency.example`)),
  ]);
  await uploadFeed(
    new S3Client({ endpoint, forcePathStyle: true }),
    feedBucket,
    DEFAULT_FEED_KEY,
    ROSTER,
  );
  return {
    warden,
    endpoint,
    cognito,
    table: new GovernanceTable(
      documentClient(new DynamoDBClient({ endpoint })),
      warden.resources.table,
    ),
    config: {
      accountSources: [{ userPoolId }],
      dryRun: false,
      guard: { maxDisablePercent: 50 },
    },
  };
}

/** Every account's username and whether it is enabled, read from the emulator. */
export async function accountStates(world: World): Promise<Record<string, boolean>> {
  const states: Record<string, boolean> = {};
  let token: string | undefined;
  do {
    const page = await world.cognito.send(
      new ListUsersCommand({
        UserPoolId: world.warden.resources.userPoolId,
        PaginationToken: token,
      }),
    );
    for (const user of page.Users ?? []) states[user.Username as string] = Boolean(user.Enabled);
    token = page.PaginationToken;
  } while (token);
  return states;
}

/** Each account's audit entries as `kind` lists, and the verification of every chain. */
export async function auditState(
  world: World,
): Promise<{ entries: Record<string, string[]>; verification: AuditVerification }> {
  const audit = new DynamoAuditLog(world.table);
  const entries: Record<string, string[]> = {};
  const source = world.warden.resources.userPoolId;
  for (const username of Object.keys(await accountStates(world))) {
    const trail = await audit.listAudit(source, username);
    if (trail.length > 0) entries[username] = trail.map((e) => e.kind);
  }
  return { entries, verification: await verifyAudit(audit) };
}

/** The situation and action of every account in a run's report, by username. */
export async function reportedFindings(
  world: World,
  reportUri: string,
): Promise<Record<string, string>> {
  const report = JSON.parse(await readObject(world, reportUri)) as {
    findings: { username: string; situation: string; action: string }[];
  };
  return Object.fromEntries(report.findings.map((f) => [f.username, `${f.situation}/${f.action}`]));
}

/** An object the world's functions wrote (a report), read from the emulator. */
export async function readObject(world: World, uri: string): Promise<string> {
  const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri) ?? [];
  const object = await new S3Client({ endpoint: world.endpoint, forcePathStyle: true }).send(
    new GetObjectCommand({ Bucket: bucket, Key: key }),
  );
  return (await object.Body?.transformToString('utf-8')) ?? '';
}

/** What a world ends as: accounts, each account's audit kinds, and a check run's findings. */
export interface EndState {
  accounts: Record<string, boolean>;
  audit: Record<string, string[]>;
  findings: Record<string, string>;
}

/** The world's end state, `check` being a run made once everything else has finished. */
export async function endState(world: World, check: ReconcileResponse): Promise<EndState> {
  const { entries, verification } = await auditState(world);
  if (!verification.ok)
    throw new Error(`audit chain broken: ${JSON.stringify(verification.problems)}`);
  return {
    accounts: await accountStates(world),
    audit: entries,
    findings: await reportedFindings(world, check.reports?.json as string),
  };
}

/** Runs recorded in the world, newest first. */
export function runsOf(world: World) {
  return new DynamoRunStore(world.table).listRuns(50);
}

/** Accounts whose state differs between two worlds' end states. */
export function differences(
  expected: Record<string, boolean>,
  actual: Record<string, boolean>,
): string[] {
  const names = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  return [...names].filter((n) => expected[n] !== actual[n]).sort();
}

const NO_METRICS = { add: () => {}, flush: () => {} };

/**
 * Invokes the real reconcile handler factory with the function's own composition root, its AWS
 * clients pointed at `endpoint` (the emulator, or a fault proxy in front of it), at `clock`.
 */
export function reconcile(
  world: World,
  options: { endpoint?: string; clock?: Clock; event?: ReconcileEvent } = {},
): Promise<ReconcileResponse> {
  Object.assign(process.env, functionEnvironment(world.warden.resources, world.config), {
    AWS_ENDPOINT_URL: options.endpoint ?? world.endpoint,
  });
  const handler = createReconcileHandler(async () => {
    const deps = await reconcileDependencies();
    return options.clock ? { ...deps, clock: options.clock } : deps;
  }, NO_METRICS);
  return handler(options.event ?? {});
}
