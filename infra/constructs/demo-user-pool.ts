import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccountRecovery, Mfa, StringAttribute, UserPool } from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { EMPLOYEE_ID_ATTRIBUTE } from '../../functions/core/shared/employee-id-attribute.js';
import { STAFF_PASSWORD_POLICY } from './password-policy.js';

/** A user pool for a first deployment to govern, shaped as Warden expects pools to be. */
export class DemoUserPool extends Construct {
  readonly userPool: UserPool;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: 'warden-demo',
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      customAttributes: {
        [EMPLOYEE_ID_ATTRIBUTE.name]: new StringAttribute({
          maxLen: EMPLOYEE_ID_ATTRIBUTE.maxLength,
          mutable: false,
        }),
      },
      passwordPolicy: STAFF_PASSWORD_POLICY,
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      deletionProtection: false,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason:
        'Demo pool only: the Plus feature plan is a cost decision for the pools a deployment really governs.',
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG3',
      reason:
        'Demo pool only. Threat protection needs the Plus feature plan; Warden governs the pools a deployment names, and geo-fencing is its own control.',
    });
  }
}
