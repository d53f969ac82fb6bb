import type { CodeSender } from '../core/geo/ports.js';
import { CLIENT_OPTIONS } from './clients/options.js';

/**
 * Only create-auth-challenge sends email: the SES client and its sender are loaded on first
 * use, so the other triggers neither bundle-evaluate nor start with them.
 */
export function lazySesCodeSender(fromAddress: string): CodeSender {
  let sender: Promise<CodeSender> | undefined;
  return {
    send: async (email, code) => {
      sender ??= Promise.all([
        import('./ses-code-sender.js'),
        import('@aws-sdk/client-sesv2'),
      ]).then(
        ([{ SesCodeSender }, { SESv2Client }]) =>
          new SesCodeSender(new SESv2Client(CLIENT_OPTIONS), fromAddress),
      );
      return (await sender).send(email, code);
    },
  };
}
