import { SSMClient } from '@aws-sdk/client-ssm';
import { CLIENT_OPTIONS } from './options.js';

export function ssmClient(): SSMClient {
  return new SSMClient(CLIENT_OPTIONS);
}
