import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import type { RunningEmulator } from '../../local/emulator.js';
import { connectLocalWarden, type LocalWarden } from '../../local/local-warden.js';

/** Points this test file at the shared emulator and provisions resources of its own. */
export function localWarden(): Promise<LocalWarden> {
  const env = inject('awsEnv');
  Object.assign(process.env, env);
  const emulator: RunningEmulator = {
    endpoint: env.AWS_ENDPOINT_URL as string,
    env,
    stop: () => Promise.resolve(),
  };
  return connectLocalWarden(emulator, `t-${randomBytes(4).toString('hex')}`);
}
