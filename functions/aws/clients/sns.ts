import { SNSClient } from '@aws-sdk/client-sns';
import { clientOptions } from './options.js';

export function snsClient(): SNSClient {
  return new SNSClient(clientOptions());
}
