import { readFileSync } from 'node:fs';
import { DEFAULT_FEED_KEY } from '../functions/core/shared/bucket-layout.js';
import type { ReconcileResponse } from '../functions/reconcile/reconcile-event.js';
import {
  emulatorEnvironment,
  isHealthy,
  type LocalInstance,
  readInstance,
  saveInstance,
  startBackgroundEmulator,
} from './background-emulator.js';
import type { Progress } from './emulator.js';
import { connectExisting, connectLocalWarden, type LocalWarden } from './local-warden.js';
import { createGovernedPool } from './provision.js';
import { sample, seedSampleGroups, usersFromListUsersJson } from './sample-world.js';
import { listedUser, seedUsers, uploadFeed } from './seed.js';

const NAME = 'warden-local';

/** Accounts the two sample employees also have in the accreditation system. */
const ACCREDITATION_USERS = [
  listedUser('mruiz', 'mariana.ruiz@presidencia.example', 'E10001'),
  listedUser('ctapia', 'citlali.tapia@presidencia.example', 'E10002'),
];

/**
 * `warden local up`: the local AWS in the background, Warden provisioned on it, the sample press
 * office (and an accreditation pool) seeded, and one applied reconciliation run, which builds the
 * account index. An instance already up is reused.
 */
export async function localUp(
  progress: Progress,
): Promise<{ instance: LocalInstance; run?: ReconcileResponse; reused: boolean }> {
  const running = readInstance();
  if (running && (await isHealthy(running.endpoint))) return { instance: running, reused: true };
  const { pid, endpoint, logFile } = await startBackgroundEmulator(progress);
  Object.assign(process.env, emulatorEnvironment(endpoint));
  const warden = await connectLocalWarden(
    { endpoint, env: emulatorEnvironment(endpoint), stop: () => Promise.resolve() },
    NAME,
  );
  const { resources } = warden;
  const accreditation = await createGovernedPool(warden.cognito, `${NAME}-accreditation`);
  const users =
    usersFromListUsersJson(JSON.parse(readFileSync(sample('accounts.json'), 'utf8'))) ?? [];
  progress(`seeding ${users.length} press-office accounts`);
  await seedUsers(warden.cognito, resources.userPoolId, users);
  await seedSampleGroups(warden.cognito, resources.userPoolId);
  await seedUsers(warden.cognito, accreditation.userPoolId, ACCREDITATION_USERS);
  await uploadFeed(
    warden.s3,
    resources.feedBucket,
    DEFAULT_FEED_KEY,
    readFileSync(sample('roster.csv'), 'utf8'),
  );
  const config = {
    ...(JSON.parse(readFileSync(sample('warden.config.json'), 'utf8')) as Record<string, unknown>),
    accountSources: [
      { userPoolId: resources.userPoolId },
      { userPoolId: accreditation.userPoolId },
    ],
    dryRun: false,
  };
  const instance: LocalInstance = {
    pid,
    endpoint,
    logFile,
    startedAt: new Date().toISOString(),
    resources,
    extraPools: [accreditation.userPoolId],
    config,
  };
  saveInstance(instance);
  progress('running one applied reconciliation');
  const run = await warden.invokeReconcile({ trigger: 'local-up' }, config);
  return { instance, run, reused: false };
}

/** The Warden `warden local up` provisioned, with this process pointed at its local AWS. */
export async function connectToLocal(): Promise<{ instance: LocalInstance; warden: LocalWarden }> {
  const instance = readInstance();
  if (!instance || !(await isHealthy(instance.endpoint))) {
    throw new Error('the local AWS is not running: start it with `warden local up`');
  }
  const env = emulatorEnvironment(instance.endpoint);
  Object.assign(process.env, env);
  return {
    instance,
    warden: connectExisting(
      { endpoint: instance.endpoint, env, stop: () => Promise.resolve() },
      instance.resources,
    ),
  };
}
