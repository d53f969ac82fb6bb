import { SNSClient } from '@aws-sdk/client-sns';
import { CLIENT_OPTIONS } from './options.js';

export function snsClient(): SNSClient {
  return new SNSClient(CLIENT_OPTIONS);
}
