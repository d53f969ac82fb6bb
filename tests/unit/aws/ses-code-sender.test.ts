import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { SesCodeSender } from '../../../functions/aws/ses-code-sender.js';
import type { TriggerEnvironment } from '../../../functions/geo-triggers/dependencies.js';
import { codeSender } from '../../../functions/geo-triggers/wiring/code-sender.js';

const ses = mockClient(SESv2Client);
const FROM = 'codes@presidencia.example';

beforeEach(() => {
  ses.reset();
  ses.on(SendEmailCommand).resolves({ MessageId: 'm-1' });
});

describe('SES code sender', () => {
  it('emails the code from the verified sender to the person, and says how long it works', async () => {
    await new SesCodeSender(new SESv2Client({ region: 'us-east-1' }), FROM).send(
      'ana@presidencia.example',
      '482913',
    );
    const input = ses.commandCalls(SendEmailCommand)[0]?.args[0].input;
    expect(input).toMatchObject({
      FromEmailAddress: FROM,
      Destination: { ToAddresses: ['ana@presidencia.example'] },
      Content: { Simple: { Subject: { Data: 'Your sign-in code' } } },
    });
    const text = input?.Content?.Simple?.Body?.Text?.Data;
    expect(text).toMatch(/^Your sign-in code is 482913\. It works once, for 5 minutes\./);
    expect(text).toMatch(/If it was not you, do not share the code/);
  });

  it('is what create-auth-challenge is wired with when a sender address is configured', async () => {
    const env = { codeSender: FROM } as TriggerEnvironment;
    const sender = codeSender(env);
    await sender?.send('ana@presidencia.example', '111111');
    await sender?.send('ben@presidencia.example', '222222');
    expect(
      ses.commandCalls(SendEmailCommand).map((c) => c.args[0].input.Destination?.ToAddresses),
    ).toEqual([['ana@presidencia.example'], ['ben@presidencia.example']]);
    expect(codeSender({ ...env, codeSender: undefined })).toBeUndefined();
  });
});
