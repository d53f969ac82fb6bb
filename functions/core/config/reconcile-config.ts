import { z } from 'zod';
import { geoPolicySchema } from '../geo/geo-policy.js';
import { feedSettingsSchema } from '../hr/feed-settings.js';
import {
  DEFAULT_COGNITO_QUOTAS,
  QUOTA_CATEGORIES,
  type QuotaCategory,
} from '../shared/cognito-quotas.js';
import { DEFAULT_CORRELATION_ATTRIBUTE } from '../shared/employee-id-attribute.js';
import { ConfigError } from '../shared/errors.js';
import { parseOrThrow } from '../shared/validation.js';
import { isCalendarDate } from '../time/zoned-day.js';

export const exemptionSchema = z
  .object({
    userPoolId: z.string().min(1).optional(),
    username: z.string().min(1).optional(),
    employeeId: z.string().min(1).optional(),
    owner: z.string().min(1, 'is required: who answers for this exemption'),
    reason: z.string().min(1, 'is required'),
    expires: z.string().refine(isCalendarDate, 'must be a date (YYYY-MM-DD)'),
  })
  .refine((e) => e.username || e.employeeId, {
    message: 'needs a username or an employeeId',
    path: ['username'],
  });
export type Exemption = z.infer<typeof exemptionSchema>;

const USER_POOL_ID = /^([a-z]{2}(?:-[a-z]+)+-\d)_[0-9a-zA-Z]+$/;
const USER_POOL_ARN = /^arn:aws[a-z-]*:cognito-idp:([a-z0-9-]+):(\d{12}):userpool\/([^/]+)$/;

/** A Cognito user pool, named by id or by ARN (the ARN also names its account). */
export const cognitoSourceSchema = z
  .strictObject({
    type: z.literal('cognito').default('cognito'),
    userPoolId: z
      .string()
      .regex(USER_POOL_ID, 'must be a user pool id such as eu-west-1_AbC123')
      .optional(),
    userPoolArn: z
      .string()
      .regex(
        USER_POOL_ARN,
        'must be a user pool ARN such as arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbC123',
      )
      .optional(),
    /** Immutable attribute that holds the HR employee id. */
    correlationAttribute: z.string().min(1).default(DEFAULT_CORRELATION_ATTRIBUTE),
  })
  .refine((s) => s.userPoolId || s.userPoolArn, {
    message: 'needs a userPoolId or a userPoolArn',
    path: ['userPoolId'],
  })
  .refine((s) => !s.userPoolId || !s.userPoolArn || s.userPoolArn.endsWith(`/${s.userPoolId}`), {
    message: 'does not match the pool named by userPoolArn',
    path: ['userPoolId'],
  })
  .transform((s) => ({
    ...s,
    userPoolId: s.userPoolId ?? (USER_POOL_ARN.exec(s.userPoolArn as string)?.[3] as string),
  }));

/** The region a user pool lives in, read from its id (`eu-west-1_AbC123`). */
export function userPoolRegion(userPoolId: string): string | undefined {
  return USER_POOL_ID.exec(userPoolId)?.[1];
}
export type CognitoSource = z.infer<typeof cognitoSourceSchema>;

export const guardSchema = z.strictObject({
  maxDisableCount: z.number().int().nonnegative().default(50),
  maxDisablePercent: z.number().min(0).max(100).default(20),
  /** A roster that shrank by more than this since the last accepted one is suspect. */
  maxRosterShrinkPercent: z.number().min(0).max(100).default(10),
});
export type GuardConfig = z.infer<typeof guardSchema>;

const QUOTA_LIMIT = z.number().positive().max(100_000);

/**
 * Cognito's quotas, per category, for this account and Region (raise them here after a quota
 * increase), and the share of each that Warden uses: the rest is left to other callers.
 */
export const rateLimitsSchema = z.strictObject(
  {
    quotas: z
      .strictObject({
        UserList: QUOTA_LIMIT.default(DEFAULT_COGNITO_QUOTAS.UserList),
        UserUpdate: QUOTA_LIMIT.default(DEFAULT_COGNITO_QUOTAS.UserUpdate),
        UserRead: QUOTA_LIMIT.default(DEFAULT_COGNITO_QUOTAS.UserRead),
        UserPoolRead: QUOTA_LIMIT.default(DEFAULT_COGNITO_QUOTAS.UserPoolRead),
      })
      .prefault({}),
    share: z.number().gt(0).max(1).default(0.95),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown key(s) ${issue.keys.join(', ')}: rates are now set per quota category, e.g. {"quotas": {"UserList": 30, "UserUpdate": 25}, "share": 0.95}`
        : undefined,
  },
);
export type RateLimits = z.infer<typeof rateLimitsSchema>;

/** The rate Warden allows itself in each quota category: its share of the quota. */
export function ratesOf(limits: RateLimits): Record<QuotaCategory, number> {
  return Object.fromEntries(
    QUOTA_CATEGORIES.map((category) => [category, limits.quotas[category] * limits.share]),
  ) as Record<QuotaCategory, number>;
}

export const reconcileConfigSchema = z.strictObject({
  accountSources: z.array(cognitoSourceSchema).default([]),
  feed: feedSettingsSchema.prefault({}),
  /** Dry-run is the default: a fresh deployment reports and changes nothing. */
  dryRun: z.boolean().default(true),
  guard: guardSchema.prefault({}),
  orphans: z
    .object({
      policy: z.enum(['report', 'disable']).default('report'),
      /** Days an orphan must have been seen before the `disable` policy acts on it. */
      graceDays: z.number().int().nonnegative().default(14),
    })
    .prefault({}),
  exemptions: z.array(exemptionSchema).default([]),
  /** The geo policy, when sign-in is geo-fenced: each run then checks MFA posture against it. */
  geoPolicy: z.optional(geoPolicySchema),
  /** What the posture check does about those who cannot receive a code: report them, or disable them. */
  postureAction: z.enum(['report', 'disable']).default('report'),
  /** App clients that sign people in without the geo fence, each with its reason: every run reports them. */
  unfencedClients: z
    .array(z.strictObject({ clientId: z.string().min(1), reason: z.string().min(1) }))
    .default([]),
  rateLimits: rateLimitsSchema.prefault({}),
  /** How runs too large for one invocation are carried out on Step Functions. */
  steps: z
    .strictObject({
      /** Directories of at most this many accounts (all pools) run in one invocation. */
      singleInvocationMaxAccounts: z.number().int().nonnegative().default(100_000),
      /** ListUsers pages one invocation lists before it hands over (each page is up to 60 accounts). */
      pagesPerInvocation: z.number().int().positive().max(20_000).default(6_000),
      /** Pages per checkpoint: the pagination tokens and the accounts so far are saved this often. */
      pagesPerCheckpoint: z.number().int().positive().max(1_000).default(100),
      /**
       * A listing cursor older than this is not trusted: Cognito documents no lifetime for its
       * pagination tokens, so that source's listing starts over (docs/decisions/0029).
       */
      maxCursorAgeMinutes: z
        .number()
        .positive()
        .max(24 * 60)
        .default(60),
      /** Disables one invocation applies before it hands over. */
      disablesPerInvocation: z.number().int().positive().max(20_000).default(4_000),
    })
    .prefault({}),
});
export type ReconcileConfig = z.infer<typeof reconcileConfigSchema>;

/** Parses configuration; the error lists each bad field by its path. */
export function parseReconcileConfig(input: unknown, origin: string): ReconcileConfig {
  return parseOrThrow(reconcileConfigSchema, input, origin, ConfigError);
}
