import { AdminGetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '../../functions/aws/clients/dynamodb.js';
import { DynamoAuditLog } from '../../functions/aws/dynamo/audit-log.js';
import { GovernanceTable } from '../../functions/aws/dynamo/governance-table.js';
import { DynamoRunStore } from '../../functions/aws/dynamo/run-store.js';
import { DEFAULT_FEED_KEY } from '../../functions/core/shared/bucket-layout.js';
import type { LocalWarden } from '../../local/local-warden.js';
import { seedUsers, uploadFeed } from '../../local/seed.js';
import { localWarden } from './local-aws.js';

let warden: LocalWarden;
let config: Record<string, unknown>;
const user = (username: string, employeeId: string) => ({
  Username: username,
  Enabled: true,
  UserStatus: 'CONFIRMED',
  Attributes: [
    { Name: 'email', Value: `${username}@x.org` },
    { Name: 'custom:employee_id', Value: employeeId },
  ],
});
const isEnabled = async (username: string) =>
  (
    await warden.cognito.send(
      new AdminGetUserCommand({ UserPoolId: warden.resources.userPoolId, Username: username }),
    )
  ).Enabled;

beforeAll(async () => {
  warden = await localWarden();
  await seedUsers(warden.cognito, warden.resources.userPoolId, [
    user('ana', 'E1'),
    user('ben', 'E2'),
    user('cruz', 'E3'),
  ]);
  const roster = [
    'employee_id,email,display_name,status,last_day',
    'E1,ana@x.org,,active,',
    'E2,ben@x.org,,leaver,2025-01-31',
    'E3,cruz@x.org,,leaver,2025-02-28',
  ];
  await uploadFeed(warden.s3, warden.resources.feedBucket, DEFAULT_FEED_KEY, roster.join('\n'));
  // Two of three accounts to disable: far over the default percentage rule.
  config = { accountSources: [{ userPoolId: warden.resources.userPoolId }], dryRun: false };
});

describe('reviewing a quarantined run', () => {
  it('an admin rejects it: closed for good, nothing changed', async () => {
    const quarantined = await warden.invokeReconcile({}, config);
    expect(quarantined.status).toBe('quarantined');
    const rejected = await warden.invokeReconcile({ reject: quarantined.runId }, config);
    expect(rejected).toMatchObject({ runId: quarantined.runId, status: 'rejected' });
    expect(await isEnabled('ben')).toBe(true);
    await expect(warden.invokeReconcile({ approve: quarantined.runId }, config)).rejects.toThrow(
      /was already rejected at /,
    );
  });

  it('an admin approves it: exactly its changes are applied and audited, and the approval is recorded', async () => {
    const quarantined = await warden.invokeReconcile({}, config);
    const applied = await warden.invokeReconcile({ approve: quarantined.runId }, config);
    expect(applied).toMatchObject({ status: 'completed', actions: { planned: 2, applied: 2 } });
    expect(applied.notes.join('\n')).toMatch(/approved by an admin/);
    expect(await isEnabled('ben')).toBe(false);
    expect(await isEnabled('cruz')).toBe(false);
    expect(await isEnabled('ana')).toBe(true);
    const table = new GovernanceTable(documentClient(), warden.resources.table);
    expect(
      await new DynamoAuditLog(table).listAudit(warden.resources.userPoolId, 'ben'),
    ).toHaveLength(1);
    expect((await new DynamoRunStore(table).getRun(quarantined.runId))?.notes.at(-1)).toBe(
      `approved by an admin; run ${applied.runId} ended completed`,
    );
  });

  it('refuses an approval that also names a feed', async () => {
    await expect(
      warden.invokeReconcile({ approve: 'r-x', feed: { key: 'feeds/other.csv' } }, config),
    ).rejects.toThrow(/approve takes neither/);
  });
});
