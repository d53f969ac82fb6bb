import { SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { PutParameterCommand } from '@aws-sdk/client-ssm';
import { beforeEach, describe, expect, it } from 'vitest';
import { ssmClient } from '../../functions/aws/clients/ssm.js';
import { DEFAULT_FEED_KEY } from '../../functions/core/shared/bucket-layout.js';
import type { LocalWarden } from '../../local/local-warden.js';
import { localConsoleUrlParameter } from '../../local/provision.js';
import { seedUsers, uploadFeed } from '../../local/seed.js';
import { localWarden } from './local-aws.js';

const ROSTER = [
  'employee_id,email,display_name,status,last_day',
  'E1,ana@x.org,Ana,active,',
  'E2,ricardo@x.org,Ricardo,leaver,2023-11-30',
].join('\n');

const user = (username: string, email: string, employeeId: string) => ({
  Username: username,
  Enabled: true,
  UserStatus: 'CONFIRMED',
  Attributes: [
    { Name: 'email', Value: email },
    { Name: 'custom:employee_id', Value: employeeId },
  ],
});

// Each test provisions its own Warden (and so its own parameter name), topic and inbox.
let warden: LocalWarden;
let queueUrl: string;
let config: Record<string, unknown>;
const sqs = () => new SQSClient({});

beforeEach(async () => {
  warden = await localWarden();
  const { resources } = warden;
  await seedUsers(warden.cognito, resources.userPoolId, [
    user('ana', 'ana@x.org', 'E1'),
    user('ricardo', 'ricardo@x.org', 'E2'),
  ]);
  await uploadFeed(warden.s3, resources.feedBucket, DEFAULT_FEED_KEY, ROSTER);
  config = { accountSources: [{ userPoolId: resources.userPoolId }], dryRun: true };
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

async function notices(): Promise<string[]> {
  const { Messages } = await sqs().send(
    new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }),
  );
  return (Messages ?? []).map((m) => JSON.parse(m.Body as string).Message as string);
}

const publish = (value: string) =>
  ssmClient().send(
    new PutParameterCommand({
      Name: localConsoleUrlParameter(warden.resources),
      Value: value,
      Type: 'String',
      Overwrite: true,
    }),
  );

describe('run links to the console, from the address published in SSM', () => {
  it("end the notification and fill the HTML report's console page with the run's page", async () => {
    await publish('http://127.0.0.1:4321/');
    const response = await warden.invokeReconcile({}, config);
    const runPage = `http://127.0.0.1:4321/#/runs/${encodeURIComponent(response.runId)}`;

    const sent = await notices();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(
      new RegExp(`\\nConsole: ${runPage.replace(/[.?*+^$[\]\\(){}|]/g, '\\$&')}$`),
    );
    const html = await warden.readObject(response.reports?.html as string);
    expect(html).toContain(`<code>${runPage}</code>`);
    const json = JSON.parse(await warden.readObject(response.reports?.json as string));
    expect(JSON.stringify(json)).not.toContain('127.0.0.1:4321');
  });

  it('are left out, and the run goes on, when no address is published', async () => {
    const response = await warden.invokeReconcile({}, config);
    // One leaver of two trips the guard: the run ends quarantined, reported, as it would anyway.
    expect(response.status).toBe('quarantined');
    const sent = await notices();
    expect(sent).toHaveLength(1);
    expect(sent[0]).not.toMatch(/Console:/);
    expect(await warden.readObject(response.reports?.html as string)).not.toContain('Console page');
  });
});
