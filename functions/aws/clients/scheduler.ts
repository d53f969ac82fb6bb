import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { CLIENT_OPTIONS } from './options.js';

export function schedulerClient(): SchedulerClient {
  return new SchedulerClient(CLIENT_OPTIONS);
}
