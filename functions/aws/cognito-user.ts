import type { UserType } from '@aws-sdk/client-cognito-identity-provider';
import { z } from 'zod';
import type { Account } from '../core/account.js';

/** One user as `ListUsers` returns it (and as `aws cognito-idp list-users` prints it). */
export const cognitoUserSchema = z.object({
  Username: z.string().min(1),
  Attributes: z.array(z.object({ Name: z.string(), Value: z.string().optional() })).default([]),
  Enabled: z.boolean(),
  UserStatus: z.string().default('UNKNOWN'),
  UserCreateDate: z.union([z.string(), z.date()]).optional(),
});

/** The JSON of `list-users`: one page object, or several pages in an array. */
export const listUsersOutputSchema = z.union([
  z.object({ Users: z.array(cognitoUserSchema) }),
  z.array(z.object({ Users: z.array(cognitoUserSchema) })),
]);

export function toAccount(
  user: z.input<typeof cognitoUserSchema> | UserType,
  source: string,
  correlationAttribute: string,
): Account {
  const attribute = (name: string) =>
    user.Attributes?.find((a) => a.Name === name)?.Value?.trim() || undefined;
  const created = user.UserCreateDate ? new Date(user.UserCreateDate) : undefined;
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
