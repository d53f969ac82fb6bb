import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { CodeSender } from '../core/geo/ports.js';

/** Sends the one-time sign-in code by email through SES v2. */
export class SesCodeSender implements CodeSender {
  constructor(
    private readonly ses: SESv2Client,
    private readonly fromAddress: string,
  ) {}

  async send(email: string, code: string): Promise<void> {
    await this.ses.send(
      new SendEmailCommand({
        FromEmailAddress: this.fromAddress,
        Destination: { ToAddresses: [email] },
        Content: {
          Simple: {
            Subject: { Data: 'Your sign-in code' },
            Body: {
              Text: {
                Data: `Your sign-in code is ${code}. It works once, for 5 minutes.\n\nThis sign-in comes from outside the countries where your team works. If it was not you, do not share the code and tell your IT security team.`,
              },
            },
          },
        },
      }),
    );
  }
}
