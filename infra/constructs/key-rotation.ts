import { Duration, Validations } from 'aws-cdk-lib';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { checkProps } from './check-props.js';
import type { Foundation } from './foundation.js';
import { lambdaRole } from './iam.js';
import { wardenFunction } from './warden-function.js';

export interface GeoKeyRotationProps {
  foundation: Foundation;
  secret: Secret;
  /** Days between rotations (default 30); at least one, far above the five minutes keys are cached. */
  everyDays?: number;
  logRetention: RetentionDays;
}

/**
 * Rotates the geo-context keys with Secrets Manager's own rotation: each rotation promotes the
 * key published one rotation earlier and publishes a new one, so contexts and envelopes signed
 * on either side of a rotation keep verifying in every container.
 */
export class GeoKeyRotation extends Construct {
  constructor(scope: Construct, id: string, props: GeoKeyRotationProps) {
    super(scope, id);
    const everyDays = props.everyDays ?? 30;
    checkProps('GeoKeyRotation', [
      (!Number.isInteger(everyDays) || everyDays < 1) &&
        'everyDays: must be a whole number of days, at least 1',
    ]);
    const role = lambdaRole(this, 'Role', 'Warden geo-context key rotation', props.foundation.key, [
      'secretsmanager',
    ]);
    const logs = new LogGroup(this, 'Logs', { retention: props.logRetention });
    logs.grantWrite(role);
    const fn = wardenFunction(this, 'Function', {
      entry: 'functions/key-rotation/handler.ts',
      role,
      logGroup: logs,
      timeout: Duration.seconds(30),
      environment: { POWERTOOLS_SERVICE_NAME: 'warden-key-rotation' },
    });
    // The schedule grants the function its secret's versions, and GetRandomPassword.
    props.secret.addRotationSchedule('Rotation', {
      rotationLambda: fn,
      automaticallyAfter: Duration.days(everyDays),
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Added by the rotation schedule: secretsmanager:GetRandomPassword acts on no resource, so IAM knows it only with *.',
    });
  }
}
