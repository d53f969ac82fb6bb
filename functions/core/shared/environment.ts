import * as z from 'zod/mini';
import { ConfigError } from './errors.js';
import { tryParse } from './validation.js';

/**
 * Every environment variable a Warden function reads, by the name the code uses for it. The
 * CDK stack and the local provisioning set them through this table, so names never drift.
 */
export const ENV = {
  table: 'WARDEN_TABLE',
  reportsBucket: 'WARDEN_REPORTS_BUCKET',
  feedBucket: 'WARDEN_FEED_BUCKET',
  topicArn: 'WARDEN_TOPIC_ARN',
  config: 'WARDEN_CONFIG',
  geoPolicy: 'WARDEN_GEO_POLICY',
  geoKeySecret: 'WARDEN_GEO_KEY_SECRET',
  codeSender: 'WARDEN_CODE_SENDER',
  geoDatabase: 'WARDEN_GEO_DB',
  userPoolId: 'WARDEN_USER_POOL_ID',
  appClientId: 'WARDEN_APP_CLIENT_ID',
  appClientSecret: 'WARDEN_APP_CLIENT_SECRET',
  attemptsPerMinute: 'WARDEN_ATTEMPTS_PER_MINUTE',
  /** Warden's EventBridge Scheduler group, where one-time offboarding schedules live. */
  scheduleGroup: 'WARDEN_SCHEDULE_GROUP',
  /** The offboarding executor function the schedules invoke. */
  executorArn: 'WARDEN_EXECUTOR_ARN',
  /** The role EventBridge Scheduler assumes to invoke the executor. */
  schedulerRoleArn: 'WARDEN_SCHEDULER_ROLE_ARN',
  /** Where schedules send invocations that failed for good. */
  offboardingDeadLetterArn: 'WARDEN_OFFBOARDING_DLQ_ARN',
  /** The HR integration role, the only caller the offboarding API serves. */
  hrRoleArn: 'WARDEN_HR_ROLE_ARN',
  /** CLI only: the file where `warden local up` records the running local AWS. */
  localInstance: 'WARDEN_LOCAL_INSTANCE',
  attemptsPerUsername: 'WARDEN_ATTEMPTS_PER_USERNAME',
  gatewayClients: 'WARDEN_GATEWAY_CLIENTS',
  unfencedClients: 'WARDEN_UNFENCED_CLIENTS',
  signInRecordDays: 'WARDEN_SIGN_IN_RECORD_DAYS',
  /**
   * The SSM parameter holding the console's address: notifications and reports point at a run's
   * page there. A name, not the address, so the functions need not wait for the console to exist.
   */
  consoleUrlParameter: 'WARDEN_CONSOLE_URL_PARAMETER',
  /** The reconcile function, which the console API and the CLI invoke to approve or reject a quarantined run. */
  reconcileFunction: 'WARDEN_RECONCILE_FUNCTION',
  /** Overrides how long an AWS SDK client waits for a connection (ms); unset in a deployment. */
  awsConnectionTimeoutMs: 'WARDEN_AWS_CONNECTION_TIMEOUT_MS',
  /** Overrides how long an AWS SDK client waits for an answer (ms); unset in a deployment. */
  awsRequestTimeoutMs: 'WARDEN_AWS_REQUEST_TIMEOUT_MS',
} as const;
export type EnvName = keyof typeof ENV;

type EnvShape = Partial<Record<EnvName, z.core.$ZodType>>;

/**
 * Reads and validates the variables `shape` names from `env` (the function's `process.env`).
 * The error names each bad variable, never its value.
 */
export function readEnvironment<S extends EnvShape>(
  shape: S,
  env: Record<string, string | undefined>,
): { [K in keyof S]: S[K] extends z.core.$ZodType ? z.infer<S[K]> : never } {
  const names = Object.keys(shape) as EnvName[];
  const input = Object.fromEntries(names.map((name) => [name, env[ENV[name]]]));
  const parsed = tryParse(z.object(shape as Record<string, z.core.$ZodType>), input);
  if (parsed.ok) return parsed.value as never;
  throw new ConfigError(
    'function environment',
    parsed.issues.map((issue) => `${ENV[issue.path[0] as EnvName]}: ${issue.message}`),
  );
}

/** A JSON document carried in an environment variable (the settings, the geo policy). */
export const jsonVariable = z.pipe(
  z.string(),
  z.transform((text: string, payload) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // The parser's message quotes the text, which may hold personal data (exemption owners).
      payload.issues.push({ code: 'custom', message: 'is not valid JSON', input: text });
      return undefined;
    }
  }),
);

/** A comma-separated list of ids in an environment variable; empty entries are dropped. */
export const idList = z.pipe(
  z.string(),
  z.transform((text: string) =>
    text
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean),
  ),
);
