import {
  AdminEnableUserCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { GovernedPool } from '../core/review/ports.js';
import { CognitoAccountLookup } from './cognito-account-lookup.js';

/** A governed user pool's single accounts, which a restore re-enables. */
export class CognitoGovernedPool extends CognitoAccountLookup implements GovernedPool {
  constructor(
    private readonly cognito: CognitoIdentityProviderClient,
    source: string,
    correlationAttribute: string,
  ) {
    super(cognito, source, correlationAttribute);
  }

  async enable(username: string): Promise<void> {
    await this.cognito.send(
      new AdminEnableUserCommand({ UserPoolId: this.source, Username: username }),
    );
  }
}
