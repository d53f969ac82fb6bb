import { z } from 'zod';
import { s3Client } from '../aws/clients/s3.js';
import { S3CheckpointStore } from '../aws/s3-checkpoint-store.js';
import type { SteppedServices } from '../core/reconcile/stepped-run.js';
import { readEnvironment } from '../core/shared/environment.js';
import { reconcileDependencies } from '../reconcile/dependencies.js';

/** The reconcile function's services, and the checkpoints in the reports bucket. */
export async function stepsDependencies(): Promise<SteppedServices> {
  const { reportsBucket } = readEnvironment({ reportsBucket: z.string().min(1) }, process.env);
  return {
    ...(await reconcileDependencies()),
    checkpoints: new S3CheckpointStore(s3Client(), reportsBucket),
  };
}
