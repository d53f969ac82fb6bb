import { STSClient } from '@aws-sdk/client-sts';
import { clientOptions } from './options.js';

export function stsClient(): STSClient {
  return new STSClient(clientOptions());
}
