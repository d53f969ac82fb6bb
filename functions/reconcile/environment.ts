import { z } from 'zod';
import { parseReconcileConfig, type ReconcileConfig } from '../core/config/reconcile-config.js';
import { RESOURCE_ENV } from '../core/resources.js';

const environmentSchema = z.object({
  [RESOURCE_ENV.table]: z.string().min(1),
  [RESOURCE_ENV.reportsBucket]: z.string().min(1),
  [RESOURCE_ENV.feedBucket]: z.string().min(1),
  [RESOURCE_ENV.topicArn]: z.string().startsWith('arn:'),
  [RESOURCE_ENV.config]: z.string().default('{}'),
});

export interface ReconcileEnvironment {
  table: string;
  reportsBucket: string;
  feedBucket: string;
  topicArn: string;
  config: ReconcileConfig;
}

/** Reads and validates the function's environment; the error names each bad variable. */
export function readEnvironment(env: NodeJS.ProcessEnv): ReconcileEnvironment {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const names = parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`);
    throw new Error(`invalid function environment: ${names.join('; ')}`);
  }
  const vars = parsed.data;
  let rawConfig: unknown;
  try {
    rawConfig = JSON.parse(vars[RESOURCE_ENV.config] as string);
  } catch (error) {
    throw new Error(`${RESOURCE_ENV.config} is not valid JSON: ${(error as Error).message}`);
  }
  return {
    table: vars[RESOURCE_ENV.table] as string,
    reportsBucket: vars[RESOURCE_ENV.reportsBucket] as string,
    feedBucket: vars[RESOURCE_ENV.feedBucket] as string,
    topicArn: vars[RESOURCE_ENV.topicArn] as string,
    config: parseReconcileConfig(rawConfig, RESOURCE_ENV.config),
  };
}
