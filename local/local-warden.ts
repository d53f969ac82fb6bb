import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { ReconcileEvent, ReconcileResponse } from '../functions/reconcile/reconcile-event.js';
import { type RunningEmulator, startEmulator, useEmulator } from './emulator.js';
import { localLambdaContext } from './lambda-context.js';
import { functionEnvironment, type LocalResources, provisionLocal } from './provision.js';

/** A provisioned Warden on the emulator, whose reconcile function runs in this process. */
export interface LocalWarden {
  emulator: RunningEmulator;
  resources: LocalResources;
  cognito: CognitoIdentityProviderClient;
  s3: S3Client;
  /** Sets the function's environment for this configuration and invokes the real handler. */
  invokeReconcile(event: ReconcileEvent, config: unknown): Promise<ReconcileResponse>;
  readObject(uri: string): Promise<string>;
}

export async function startLocalWarden(
  name: string,
  progress: (m: string) => void = () => {},
): Promise<LocalWarden> {
  const emulator = await startEmulator(progress);
  try {
    useEmulator(emulator);
    return await connectLocalWarden(emulator, name);
  } catch (error) {
    await emulator.stop();
    throw error;
  }
}

/** Provisions a named set of resources on a running emulator. */
export async function connectLocalWarden(
  emulator: RunningEmulator,
  name: string,
): Promise<LocalWarden> {
  return connectExisting(emulator, await provisionLocal(name));
}

/** A Warden already provisioned on a running emulator (by `warden local up`). */
export function connectExisting(emulator: RunningEmulator, resources: LocalResources): LocalWarden {
  const s3 = new S3Client({ forcePathStyle: true });
  return {
    emulator,
    resources,
    cognito: new CognitoIdentityProviderClient({}),
    s3,
    async invokeReconcile(event, config) {
      Object.assign(process.env, functionEnvironment(resources, config));
      const { handler } = await import('../functions/reconcile/handler.js');
      return handler(event, localLambdaContext('warden-reconcile'));
    },
    async readObject(uri) {
      const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri) ?? [];
      const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return (await object.Body?.transformToString('utf-8')) ?? '';
    },
  };
}
