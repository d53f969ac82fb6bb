import { SESv2Client } from '@aws-sdk/client-sesv2';
import { clientOptions } from './options.js';

export function sesClient(): SESv2Client {
  return new SESv2Client(clientOptions());
}
