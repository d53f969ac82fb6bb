import { STSClient } from '@aws-sdk/client-sts';
import { CLIENT_OPTIONS } from './options.js';

export function stsClient(): STSClient {
  return new STSClient(CLIENT_OPTIONS);
}
