import type { UserType } from '@aws-sdk/client-cognito-identity-provider';
import { z } from 'zod';
import type { Account } from '../core/account.js';

const required = (what: string) => ({
  error: (issue: { input: unknown }) =>
    issue.input === undefined ? 'is required' : `must be ${what}`,
});

/**
 * A date as the AWS CLI prints it: an ISO 8601 string, or epoch seconds (the form of AWS's own
 * documentation examples and of CLI v1).
 */
const cliDate = z
  .union([z.string(), z.number(), z.date()], {
    error: 'must be an ISO 8601 date-time or epoch seconds',
  })
  .transform((value, ctx) => {
    if (typeof value === 'number' && Math.abs(value) > 1e11) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be epoch seconds (this looks like milliseconds)',
      });
      return z.NEVER;
    }
    // Rounded: seconds with a fraction are not exact in binary (1079924504.745 * 1000 is
    // 1079924504744.9999), and a Date drops what is below the millisecond.
    const date = typeof value === 'number' ? new Date(Math.round(value * 1000)) : new Date(value);
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'must be an ISO 8601 date-time or epoch seconds' });
      return z.NEVER;
    }
    return date;
  });

/** One user as `ListUsers` returns it (and as `aws cognito-idp list-users` prints it). */
export const cognitoUserSchema = z.object({
  Username: z.string(required('text')).min(1, 'must not be empty'),
  Attributes: z
    .array(
      z.object({
        Name: z.string(required('text')),
        Value: z.string('must be text').optional(),
      }),
      'must be a list of { Name, Value }',
    )
    .default([]),
  Enabled: z.boolean(required('true or false')),
  UserStatus: z.string('must be text').default('UNKNOWN'),
  UserCreateDate: cliDate.optional(),
});
export type CognitoUser = z.output<typeof cognitoUserSchema>;

export function toAccount(
  user: CognitoUser | UserType,
  source: string,
  correlationAttribute: string,
): Account {
  const attribute = (name: string) =>
    user.Attributes?.find((a) => a.Name === name)?.Value?.trim() || undefined;
  const created = user.UserCreateDate;
  return {
    source,
    username: user.Username as string,
    sub: attribute('sub'),
    enabled: user.Enabled ?? false,
    status: user.UserStatus ?? 'UNKNOWN',
    email: attribute('email'),
    emailVerified: attribute('email_verified') === 'true',
    employeeId: attribute(correlationAttribute),
    createdAt: created && !Number.isNaN(created.getTime()) ? created : undefined,
  };
}
