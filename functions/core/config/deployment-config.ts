import { z } from 'zod';
import { geoPolicySchema } from '../geo/geo-policy.js';
import { isRoleArn } from '../offboarding/caller.js';
import { ConfigError } from '../shared/errors.js';
import { parseOrThrow } from '../shared/validation.js';
import { isKnownTimeZone } from '../time/zoned-day.js';
import { type ReconcileConfig, reconcileConfigSchema } from './reconcile-config.js';

const RATE = /^rate\(([1-9]\d*) (minute|minutes|hour|hours|day|days)\)$/;
const CRON = /^cron\((\S+) (\S+) (\S+) (\S+) (\S+) (\S+)\)$/;

/** The alarm watches two intervals, and CloudWatch looks back at most 7 days. */
const MAX_INTERVAL_HOURS = 84;

const scheduleSchema = z
  .strictObject({
    /** An EventBridge Scheduler expression: `cron(...)` with six fields, or `rate(N unit)`. */
    expression: z
      .string()
      .refine(
        (e) => RATE.test(e) || CRON.test(e),
        'must be cron(min hour day month weekday year) or rate(N minutes|hours|days)',
      )
      // Hourly: a leaver's account stays usable at most an hour after HR's feed says so.
      .default('cron(0 * * * ? *)'),
    timeZone: z.string().refine(isKnownTimeZone, 'is not a known IANA time zone').default('UTC'),
    /** Hours between runs; worked out for rate() and daily/hourly cron, needed for other cron. */
    intervalHours: z
      .number()
      .positive()
      .max(
        MAX_INTERVAL_HOURS,
        `must be at most ${MAX_INTERVAL_HOURS}: the alarm watches two intervals, and CloudWatch looks back at most 7 days`,
      )
      .optional(),
  })
  .transform((schedule, ctx) => {
    const intervalHours = schedule.intervalHours ?? intervalOf(schedule.expression);
    if (intervalHours === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['intervalHours'],
        message: `is required for ${schedule.expression}: the hours between runs, for the "no successful run" alarm`,
      });
      return z.NEVER;
    }
    if (intervalHours > MAX_INTERVAL_HOURS) {
      ctx.addIssue({
        code: 'custom',
        path: ['expression'],
        message: `runs every ${intervalHours} hours: at most every ${MAX_INTERVAL_HOURS}, as the alarm watches two intervals and CloudWatch looks back at most 7 days`,
      });
      return z.NEVER;
    }
    return { ...schedule, intervalHours };
  });

const providerName = z
  .string()
  .regex(/^[\w.-]{1,32}$/, 'must be 1 to 32 letters, digits, _ . or -')
  .refine((n) => n !== 'COGNITO', 'COGNITO is the staff pool itself');

/** The console's staff sign-in: the managed-login domain, the session, optional federation. */
const consoleSchema = z.strictObject({
  /** `<prefix>.auth.<region>.amazoncognito.com`; default `warden-<account id>`. */
  domainPrefix: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'must be lower-case letters, digits and -')
    .refine((p) => !/aws|amazon|cognito/.test(p), 'may not contain aws, amazon or cognito')
    .optional(),
  /** How long a sign-in lasts (the ID and access tokens); then staff sign in again. */
  sessionMinutes: z.number().int().min(5).max(60).default(60),
  /** The organisation's identity provider; staff may then sign in through it as well. */
  federation: z
    .discriminatedUnion('type', [
      z.strictObject({
        type: z.literal('saml'),
        name: providerName,
        metadataUrl: z.url('must be the URL of the SAML metadata document'),
      }),
      z.strictObject({
        type: z.literal('oidc'),
        name: providerName,
        issuerUrl: z.url('must be the issuer URL'),
        clientId: z.string().min(1),
        /** Secrets Manager secret holding the client secret, resolved by CloudFormation. */
        clientSecretArn: z.string().startsWith('arn:', 'must be a Secrets Manager ARN'),
      }),
    ])
    .optional(),
});
export type ConsoleSettings = z.infer<typeof consoleSchema>;

/** Everything a deployment is configured with: the reconcile settings plus the stack's own. */
export const deploymentConfigSchema = reconcileConfigSchema.safeExtend({
  schedule: scheduleSchema.prefault({}),
  notificationEmails: z.array(z.email('must be an email address')).default([]),
  /** Geo-fenced sign-in: the policy, and how the gateway and the triggers are deployed. */
  geo: z
    .strictObject({
      /** The policy itself, or (in a configuration file) the path of a policy file beside it. */
      policy: geoPolicySchema,
      /** Verified SES address that sends the one-time codes. */
      codeSender: z.email('must be the SES-verified address that sends the codes'),
      /** The app client the gateway signs in through; created for the demo pool when omitted. */
      gateway: z
        .strictObject({
          userPoolId: z.string().min(1),
          clientId: z.string().min(1),
          /** Secrets Manager ARN of the secret holding the app client's secret. */
          clientSecretArn: z.string().startsWith('arn:', 'must be a Secrets Manager ARN'),
          /** The pool's SMS role, if it sends SMS: attaching the triggers passes it back to Cognito. */
          smsRoleArn: z.string().startsWith('arn:', 'must be an IAM role ARN').optional(),
        })
        .optional(),
      /** Sign-in attempts a minute from one address (IPv4 /32, IPv6 /64), sliding window. */
      attemptsPerMinute: z.number().int().positive().max(1000).default(10),
      /** Sign-in attempts a minute for one username, whatever the address. */
      attemptsPerUsernamePerMinute: z.number().int().positive().max(1000).default(5),
      /** Token lifetimes of the gateway client the stack creates (a configured client is checked against them). */
      tokens: z
        .strictObject({
          /** Access and ID tokens: apps that verify JWTs offline honour them this long after a disable. */
          accessMinutes: z.number().int().min(5).max(15).default(15),
          refreshHours: z
            .number()
            .int()
            .min(1)
            .max(24 * 30)
            .default(8),
        })
        .prefault({}),
      /**
       * Other app clients of the fenced pool that may sign people in without the fence (for
       * example a machine-to-machine client), each with the reason; reported in every run.
       */
      unfencedClients: z
        .array(
          z.strictObject({
            clientId: z.string().min(1),
            reason: z.string().min(10, 'must say why, in a sentence'),
          }),
        )
        .default([]),
      /** Days sign-in decisions (with addresses) are kept. */
      signInRecordDays: z.number().int().min(1).max(3650).default(400),
      /** Days between rotations of the geo-context key. */
      keyRotationDays: z.number().int().min(1).max(365).default(30),
      /** MFA posture: report people who cannot receive a code, or also disable them (through the guard). */
      posture: z.enum(['report', 'disable']).default('report'),
      /** An AWS WAF web ACL in front of the gateway and the user pools: denied countries, per-IP rate. */
      waf: z.boolean().default(false),
    })
    .optional(),
  /** HR offboarding: the API serves only this role (its sessions sign the requests with SigV4). */
  offboarding: z
    .strictObject({
      hrIntegrationRoleArn: z
        .string()
        .refine(
          isRoleArn,
          'must be an IAM role ARN such as arn:aws:iam::123456789012:role/hr-integration',
        ),
    })
    .optional(),
  /** The web console for HR and IT admins. */
  console: consoleSchema.prefault({}),
  /** Create a demo user pool to govern; the default when no account source is configured. */
  demoUserPool: z.boolean().optional(),
  /**
   * The console's address: run notifications and HTML reports link to a run's page there. The
   * stack's own console sets it; name it here when the console is served from another address.
   */
  consoleUrl: z.url({ protocol: /^https$/, error: 'must be an https:// address' }).optional(),
  retention: z
    .strictObject({
      reportDays: z.number().int().min(30).default(730),
      feedDays: z.number().int().min(1).default(30),
      logDays: z.number().int().min(1).default(365),
    })
    .prefault({}),
});
export type DeploymentConfig = z.infer<typeof deploymentConfigSchema>;

export function parseDeploymentConfig(input: unknown, origin: string): DeploymentConfig {
  const config = parseOrThrow(deploymentConfigSchema, input, origin, ConfigError);
  if (config.accountSources.length === 0 && config.demoUserPool === false) {
    throw new ConfigError(origin, [
      'accountSources: list at least one user pool, or set demoUserPool: true',
    ]);
  }
  return config;
}

/** A deployment's configuration, not the reconcile function's: it has a field only a deployment has. */
export function isDeploymentConfig(input: unknown): boolean {
  if (input === null || typeof input !== 'object') return false;
  return Object.keys(input).some(
    (key) => key in deploymentConfigSchema.shape && !(key in reconcileConfigSchema.shape),
  );
}

/** The part of a deployment's configuration the reconcile function runs with. */
export function reconcileSettings(
  config: DeploymentConfig,
): ReconcileConfig & Record<string, unknown> {
  const {
    schedule: _s,
    notificationEmails: _n,
    demoUserPool: _d,
    retention: _r,
    offboarding: _o,
    console: _console,
    consoleUrl: _consoleUrl,
    geo,
    ...settings
  } = config;
  return geo
    ? {
        ...settings,
        geoPolicy: geo.policy,
        postureAction: geo.posture,
        unfencedClients: geo.unfencedClients,
      }
    : settings;
}

function intervalOf(expression: string): number | undefined {
  const rate = RATE.exec(expression);
  if (rate) {
    const n = Number(rate[1]);
    return rate[2]?.startsWith('minute') ? n / 60 : rate[2]?.startsWith('hour') ? n : n * 24;
  }
  const [, minute, hour, day, , weekday] = CRON.exec(expression) ?? [];
  const every = (field: string | undefined) => field === '*' || field === '?';
  if (!/^\d+$/.test(minute ?? '') || !every(day) || !every(weekday)) return undefined;
  if (/^\d+$/.test(hour ?? '')) return 24;
  if (hour === '*') return 1;
  return undefined;
}
