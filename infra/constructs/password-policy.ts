import { Duration } from 'aws-cdk-lib';
import type { PasswordPolicy } from 'aws-cdk-lib/aws-cognito';

/** The passwords of the pools the stack creates: long, of every character class. */
export const STAFF_PASSWORD_POLICY: PasswordPolicy = {
  minLength: 14,
  requireLowercase: true,
  requireUppercase: true,
  requireDigits: true,
  requireSymbols: true,
  // A temporary password an admin sets lasts three days.
  tempPasswordValidity: Duration.days(3),
};
