import {
  AdminEnableUserCommand,
  AdminGetUserCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { PutParameterCommand } from '@aws-sdk/client-ssm';
import { beforeEach, describe, expect, it } from 'vitest';
import { documentClient } from '../../functions/aws/clients/dynamodb.js';
import { ssmClient } from '../../functions/aws/clients/ssm.js';
import { DynamoAuditLog } from '../../functions/aws/dynamo/audit-log.js';
import { GovernanceTable } from '../../functions/aws/dynamo/governance-table.js';
import { DynamoRunStore } from '../../functions/aws/dynamo/run-store.js';
import { DEFAULT_FEED_KEY } from '../../functions/core/shared/bucket-layout.js';
import type { LocalWarden } from '../../local/local-warden.js';
import { localConsoleUrlParameter } from '../../local/provision.js';
import { seedUsers, uploadFeed } from '../../local/seed.js';
import { localWarden } from './local-aws.js';

const ROSTER = [
  'employee_id,email,display_name,status,last_day',
  'E1,ana@x.org,Ana,active,',
  'E2,ricardo@x.org,Ricardo,leaver,2023-11-30',
  'E3,cruz@x.org,Cruz,active,',
  'E4,dana@x.org,Dana,active,',
  'E5,eli@x.org,Eli,active,',
  'E6,fer@x.org,Fer,active,',
].join('\n');

const user = (username: string, email: string, employeeId?: string) => ({
  Username: username,
  Enabled: true,
  UserStatus: 'CONFIRMED',
  Attributes: [
    { Name: 'email', Value: email },
    ...(employeeId ? [{ Name: 'custom:employee_id', Value: employeeId }] : []),
  ],
});

// Each test starts from its own provisioned Warden (table, buckets, pool, topic) and its own
// inbox, seeded with the same press office, so no test depends on another having run first.
let warden: LocalWarden;
let runs: DynamoRunStore;
let audit: DynamoAuditLog;
let queueUrl: string;
let config: Record<string, unknown>;
const sqs = () => new SQSClient({});

beforeEach(async () => {
  warden = await localWarden();
  const { resources } = warden;
  await seedUsers(warden.cognito, resources.userPoolId, [
    user('ana', 'ana@x.org', 'E1'),
    user('ricardo', 'ricardo@x.org', 'E2'),
    user('cruz', 'cruz@x.org', 'E3'),
    user('dana', 'dana@x.org', 'E4'),
    user('eli', 'ELI@x.org'),
    user('fer', 'fer@x.org', 'E6'),
    user('press-ops', 'press-ops@x.org'),
  ]);
  await uploadFeed(warden.s3, resources.feedBucket, DEFAULT_FEED_KEY, ROSTER);
  const table = new GovernanceTable(documentClient(), resources.table);
  runs = new DynamoRunStore(table);
  audit = new DynamoAuditLog(table);
  config = { accountSources: [{ userPoolId: resources.userPoolId }], dryRun: false };
  const { QueueUrl } = await sqs().send(
    new CreateQueueCommand({ QueueName: `${resources.table}-inbox` }),
  );
  queueUrl = QueueUrl as string;
  const { Attributes } = await sqs().send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
  );
  await new SNSClient({}).send(
    new SubscribeCommand({
      TopicArn: resources.topicArn,
      Protocol: 'sqs',
      Endpoint: Attributes?.QueueArn as string,
    }),
  );
});

const isEnabled = async (username: string) =>
  (
    await warden.cognito.send(
      new AdminGetUserCommand({ UserPoolId: warden.resources.userPoolId, Username: username }),
    )
  ).Enabled;

/** The notices this test's Warden has sent so far (each test has its own topic and inbox). */
async function notices(): Promise<string[]> {
  const { Messages } = await sqs().send(
    new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }),
  );
  return (Messages ?? []).map((m) => JSON.parse(m.Body as string).Message as string);
}

describe('reconcile Lambda handler', () => {
  it('rejects an invalid event before touching anything', async () => {
    await expect(warden.invokeReconcile({ dryRun: 'yes' } as never, config)).rejects.toThrow(
      /invalid event: dryRun/,
    );
  });

  it('rejects an invalid feed whole: run recorded as rejected, nothing changed', async () => {
    await uploadFeed(
      warden.s3,
      warden.resources.feedBucket,
      'feeds/broken.csv',
      `${ROSTER}\nE7,not-an-email,X,active,\n`,
    );
    const response = await warden.invokeReconcile({ feed: { key: 'feeds/broken.csv' } }, config);
    expect(response.status).toBe('rejected');
    expect(response.notes.join('\n')).toMatch(/1 problem.*\n8: email/s);
    expect(await isEnabled('ricardo')).toBe(true);
    expect((await runs.getRun(response.runId))?.status).toBe('rejected');
    expect((await notices()).join('\n')).toMatch(/ended rejected/);
  });

  it('a dry-run reports the plan and changes nothing', async () => {
    const response = await warden.invokeReconcile({ dryRun: true }, config);
    expect(response).toMatchObject({
      status: 'planned',
      mode: 'dry-run',
      actions: { planned: 1, applied: 0 },
    });
    expect(response.counts).toMatchObject({ active: 5, leaver: 1, orphan: 1 });
    expect(await isEnabled('ricardo')).toBe(true);
    const report = JSON.parse(await warden.readObject(response.reports?.json as string));
    expect(
      report.findings.find((f: { username: string }) => f.username === 'ricardo'),
    ).toMatchObject({
      situation: 'leaver',
      action: 'disable',
      outcome: 'not_applied',
    });
    expect(report.findings.find((f: { username: string }) => f.username === 'eli').match).toBe(
      'email',
    );
    const csv = await warden.readObject(response.reports?.csv as string);
    expect(csv.split('\n')[0]).toBe(
      'source,username,situation,match,employee_id,enabled,action,action_id,outcome,reason',
    );
  });

  it('quarantines a plan over the guard and changes nothing', async () => {
    const response = await warden.invokeReconcile({}, { ...config, guard: { maxDisableCount: 0 } });
    expect(response.status).toBe('quarantined');
    expect(response.guard?.reasons[0]).toMatch(/more than maxDisableCount 0/);
    expect(await isEnabled('ricardo')).toBe(true);
    expect(
      (await notices()).some((m) => /ended quarantined/.test(m) && /approve or reject/.test(m)),
    ).toBe(true);
  });

  it('applies: the leaver is disabled, audited once, and the run is recorded', async () => {
    const response = await warden.invokeReconcile({}, config);
    expect(response).toMatchObject({
      status: 'completed',
      actions: { planned: 1, applied: 1, failed: 0 },
    });
    expect(await isEnabled('ricardo')).toBe(false);
    expect(await isEnabled('ana')).toBe(true);
    expect(await isEnabled('press-ops')).toBe(true);
    const entries = await audit.listAudit(warden.resources.userPoolId, 'ricardo');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ kind: 'disable', runId: response.runId });
    const findings = await runs.listFindings(response.runId);
    expect(findings.map((f) => f.username).sort()).toEqual(['press-ops', 'ricardo']);
    expect(findings.find((f) => f.username === 'ricardo')?.outcome).toBe('disabled');
  });

  it('a second run changes nothing and adds no duplicate audit entries', async () => {
    const first = await warden.invokeReconcile({}, config);
    expect(first).toMatchObject({ status: 'completed', actions: { applied: 1 } });
    const response = await warden.invokeReconcile({}, config);
    expect(response).toMatchObject({ status: 'completed', actions: { planned: 0, applied: 0 } });
    expect(response.counts).toMatchObject({ leaver: 0, leaver_disabled: 1 });
    expect(await audit.listAudit(warden.resources.userPoolId, 'ricardo')).toHaveLength(1);
    const recent = await runs.listRuns(10);
    expect(recent.map((run) => run.runId)).toEqual([response.runId, first.runId]);
  });

  it('disables again a leaver enabled outside Warden, audited as a second change', async () => {
    await warden.invokeReconcile({}, config);
    await warden.cognito.send(
      new AdminEnableUserCommand({ UserPoolId: warden.resources.userPoolId, Username: 'ricardo' }),
    );
    const response = await warden.invokeReconcile({}, config);
    expect(response).toMatchObject({
      status: 'completed',
      actions: { planned: 1, applied: 1, alreadyDone: 0 },
    });
    expect(await isEnabled('ricardo')).toBe(false);
    const entries = await audit.listAudit(warden.resources.userPoolId, 'ricardo');
    expect(entries.map((e) => e.kind)).toEqual(['disable', 'disable']);
    const finding = (await runs.listFindings(response.runId)).find((f) => f.username === 'ricardo');
    expect(finding?.reason).toContain(
      `(action ${entries[0]?.actionId}) and it has been enabled again outside Warden`,
    );
  });

  it('stays in dry-run when the configuration says so, whatever the event asks', async () => {
    const response = await warden.invokeReconcile({ dryRun: false }, { ...config, dryRun: true });
    expect(response.mode).toBe('dry-run');
  });

  it('reads an HR export as it comes: Windows-1252 only when declared, else rejected naming the line', async () => {
    const personio = [
      'ID;Vorname;Nachname;E-Mail;Status;Eintrittsdatum;Austrittsdatum',
      'E1;Ana;Muñoz;ana@x.org;Aktiv;01.03.2019;',
      'E2;Ricardo;Salazar;ricardo@x.org;Inaktiv;01.01.2016;30.11.2023',
      'E3;Cruz;Díaz;cruz@x.org;Aktiv;01.02.2020;',
      'E4;Dana;López;dana@x.org;Aktiv;01.06.2020;31.12.2099',
      'E5;Eli;Peña;eli@x.org;Auszeit;01.04.2018;',
      'E6;Fer;Núñez;fer@x.org;Aktiv;01.09.2021;',
    ].join('\r\n');
    const key = 'feeds/personio.csv';
    await uploadFeed(warden.s3, warden.resources.feedBucket, key, Buffer.from(personio, 'latin1'));
    const feed = { preset: 'personio' };
    const rejected = await warden.invokeReconcile({ feed: { key } }, { ...config, feed });
    expect(rejected.status).toBe('rejected');
    expect(rejected.notes.join('\n')).toMatch(/\n2: encoding$/);
    expect(await isEnabled('ana')).toBe(true);

    const read = await warden.invokeReconcile(
      { feed: { key } },
      { ...config, dryRun: true, feed: { ...feed, encoding: 'windows-1252' } },
    );
    expect(read).toMatchObject({ status: 'planned', mode: 'dry-run' });
    expect(read.counts).toMatchObject({ active: 4, future_leaver: 1, leaver: 1, orphan: 1 });
    expect(read.notes).toContain('fields are separated by semicolons, detected from the header');
  });
});

describe('run links to the console, from the address published in SSM', () => {
  const publish = (value: string) =>
    ssmClient().send(
      new PutParameterCommand({
        Name: localConsoleUrlParameter(warden.resources),
        Value: value,
        Type: 'String',
        Overwrite: true,
      }),
    );

  it("end the notification and fill the HTML report's console page with the run's page", async () => {
    await publish('http://127.0.0.1:4321/');
    const response = await warden.invokeReconcile({ dryRun: true }, config);
    const runPage = `http://127.0.0.1:4321/#/runs/${encodeURIComponent(response.runId)}`;

    const sent = await notices();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.endsWith(`\nConsole: ${runPage}`)).toBe(true);
    expect(await warden.readObject(response.reports?.html as string)).toContain(
      `<code>${runPage}</code>`,
    );
  });

  it('are left out, and the run goes on, when no address is published', async () => {
    const response = await warden.invokeReconcile({ dryRun: true }, config);
    expect(response.status).toBe('planned');
    const sent = await notices();
    expect(sent).toHaveLength(1);
    expect(sent[0]).not.toMatch(/Console:/);
    expect(await warden.readObject(response.reports?.html as string)).not.toContain('Console page');
  });
});
