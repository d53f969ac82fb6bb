import { SSMClient } from '@aws-sdk/client-ssm';
import { clientOptions } from './options.js';

export function ssmClient(): SSMClient {
  return new SSMClient(clientOptions());
}
