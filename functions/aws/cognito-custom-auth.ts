import {
  type AuthenticationResultType,
  CodeMismatchException,
  type CognitoIdentityProviderClient,
  ExpiredCodeException,
  InitiateAuthCommand,
  type InitiateAuthCommandInput,
  NotAuthorizedException,
  PasswordResetRequiredException,
  RespondToAuthChallengeCommand,
  type RespondToAuthChallengeCommandInput,
  type RespondToAuthChallengeCommandOutput,
  UserLambdaValidationException,
  UserNotConfirmedException,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  createSecretHash,
  createSrpSession,
  signSrpSession,
  wrapAuthChallenge,
  wrapInitiateAuth,
} from 'cognito-srp-helper';
import type { AuthStep, CustomAuthApi, IssuedTokens } from '../core/geo/ports.js';

export interface AppClient {
  userPoolId: string;
  clientId: string;
  clientSecret: string;
}

/** Errors that mean "this sign-in fails" rather than "Warden is broken": all answered alike. */
const REFUSALS = [
  NotAuthorizedException,
  UserNotFoundException,
  UserLambdaValidationException,
  CodeMismatchException,
  ExpiredCodeException,
  PasswordResetRequiredException,
  UserNotConfirmedException,
];

/**
 * Cognito's CUSTOM_AUTH flow with the password checked by SRP (computed by cognito-srp-helper),
 * the geo context sent with every call, and the app client's secret known only here.
 */
export class CognitoCustomAuth implements CustomAuthApi {
  constructor(
    private readonly client: CognitoIdentityProviderClient,
    private readonly app: AppClient,
  ) {}

  start(
    username: string,
    password: string,
    clientMetadata: Record<string, string>,
  ): Promise<AuthStep> {
    return this.refusingOnFailure(async () => {
      const srp = createSrpSession(username, password, this.app.userPoolId, false);
      const initiate: InitiateAuthCommandInput = wrapInitiateAuth(srp, {
        ClientId: this.app.clientId,
        AuthFlow: 'CUSTOM_AUTH',
        AuthParameters: {
          USERNAME: username,
          CHALLENGE_NAME: 'SRP_A',
          SECRET_HASH: this.secretHash(username),
        },
        ClientMetadata: clientMetadata,
      });
      const challenge = await this.client.send(new InitiateAuthCommand(initiate));
      if (challenge.ChallengeName !== 'PASSWORD_VERIFIER') return { kind: 'refused' };
      const userId = challenge.ChallengeParameters?.USER_ID_FOR_SRP ?? username;
      const verifier: RespondToAuthChallengeCommandInput = wrapAuthChallenge(
        signSrpSession(srp, challenge),
        {
          ClientId: this.app.clientId,
          ChallengeName: 'PASSWORD_VERIFIER',
          Session: challenge.Session,
          ChallengeResponses: { USERNAME: userId, SECRET_HASH: this.secretHash(userId) },
          ClientMetadata: clientMetadata,
        },
      );
      return this.toStep(await this.client.send(new RespondToAuthChallengeCommand(verifier)));
    });
  }

  answer(
    session: string,
    username: string,
    code: string,
    clientMetadata: Record<string, string>,
  ): Promise<AuthStep> {
    return this.refusingOnFailure(async () =>
      this.toStep(
        await this.client.send(
          new RespondToAuthChallengeCommand({
            ClientId: this.app.clientId,
            ChallengeName: 'CUSTOM_CHALLENGE',
            Session: session,
            ChallengeResponses: {
              USERNAME: username,
              ANSWER: code,
              SECRET_HASH: this.secretHash(username),
            },
            ClientMetadata: clientMetadata,
          }),
        ),
      ),
    );
  }

  private toStep(response: RespondToAuthChallengeCommandOutput): AuthStep {
    if (response.AuthenticationResult)
      return { kind: 'tokens', tokens: tokensOf(response.AuthenticationResult) };
    if (response.ChallengeName === 'CUSTOM_CHALLENGE' && response.Session) {
      return {
        kind: 'code_required',
        session: response.Session,
        destination: response.ChallengeParameters?.destination,
      };
    }
    return { kind: 'refused' };
  }

  private secretHash(username: string): string {
    return createSecretHash(username, this.app.clientId, this.app.clientSecret);
  }

  private async refusingOnFailure(call: () => Promise<AuthStep>): Promise<AuthStep> {
    try {
      return await call();
    } catch (error) {
      if (REFUSALS.some((refusal) => error instanceof refusal)) return { kind: 'refused' };
      throw error;
    }
  }
}

/** The tokens of a successful sign-in, as the gateway returns them. */
export function tokensOf(result: AuthenticationResultType): IssuedTokens {
  return {
    idToken: result.IdToken as string,
    accessToken: result.AccessToken as string,
    refreshToken: result.RefreshToken,
    expiresIn: result.ExpiresIn,
  };
}
