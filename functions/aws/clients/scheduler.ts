import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { clientOptions } from './options.js';

export function schedulerClient(): SchedulerClient {
  return new SchedulerClient(clientOptions());
}
