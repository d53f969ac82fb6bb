import { randomBytes } from 'node:crypto';
import {
  type AuthenticationResultType,
  CodeMismatchException,
  type CognitoIdentityProviderClient,
  ExpiredCodeException,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
  type InitiateAuthCommandInput,
  type InitiateAuthCommandOutput,
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
import type { AuthStep, ContextFor, CustomAuthApi, IssuedTokens } from '../core/geo/ports.js';

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
const REFUSED: AuthStep = { kind: 'refused' };

/**
 * Cognito's CUSTOM_AUTH flow with the password checked by SRP (computed by cognito-srp-helper),
 * a fresh geo context with every call, and the app client's secret known only here. A refusal
 * at the first step still computes an SRP signature, so an unknown username costs the same
 * work as a wrong password.
 */
export class CognitoCustomAuth implements CustomAuthApi {
  constructor(
    private readonly client: CognitoIdentityProviderClient,
    private readonly app: AppClient,
  ) {}

  async start(username: string, password: string, contextFor: ContextFor): Promise<AuthStep> {
    const srp = createSrpSession(username, password, this.app.userPoolId, false);
    let challenge: InitiateAuthCommandOutput;
    try {
      const initiate: InitiateAuthCommandInput = wrapInitiateAuth(srp, {
        ClientId: this.app.clientId,
        AuthFlow: 'CUSTOM_AUTH',
        AuthParameters: {
          USERNAME: username,
          CHALLENGE_NAME: 'SRP_A',
          SECRET_HASH: this.secretHash(username),
        },
        ClientMetadata: contextFor(username),
      });
      challenge = await this.client.send(new InitiateAuthCommand(initiate));
    } catch (error) {
      signSrpSession(srp, dummyChallenge(username));
      return refusedOn(error);
    }
    if (challenge.ChallengeName !== 'PASSWORD_VERIFIER') {
      signSrpSession(srp, dummyChallenge(username));
      return REFUSED;
    }
    // From here on, contexts name the user as Cognito resolved them, not as typed.
    const userId = challenge.ChallengeParameters?.USER_ID_FOR_SRP ?? username;
    const verifier: RespondToAuthChallengeCommandInput = wrapAuthChallenge(
      signSrpSession(srp, challenge),
      {
        ClientId: this.app.clientId,
        ChallengeName: 'PASSWORD_VERIFIER',
        Session: challenge.Session,
        ChallengeResponses: { USERNAME: userId, SECRET_HASH: this.secretHash(userId) },
        ClientMetadata: contextFor(userId),
      },
    );
    return this.refusingOnFailure(userId, () =>
      this.client.send(new RespondToAuthChallengeCommand(verifier)),
    );
  }

  answer(
    session: string,
    username: string,
    code: string,
    contextFor: ContextFor,
  ): Promise<AuthStep> {
    return this.refusingOnFailure(username, () =>
      this.client.send(
        new RespondToAuthChallengeCommand({
          ClientId: this.app.clientId,
          ChallengeName: 'CUSTOM_CHALLENGE',
          Session: session,
          ChallengeResponses: {
            USERNAME: username,
            ANSWER: code,
            SECRET_HASH: this.secretHash(username),
          },
          ClientMetadata: contextFor(username),
        }),
      ),
    );
  }

  /** GetTokensFromRefreshToken passes ClientMetadata to pre-token generation; REFRESH_TOKEN_AUTH would not. */
  refresh(refreshToken: string, username: string, contextFor: ContextFor): Promise<AuthStep> {
    return this.refusingOnFailure(username, () =>
      this.client.send(
        new GetTokensFromRefreshTokenCommand({
          ClientId: this.app.clientId,
          ClientSecret: this.app.clientSecret,
          RefreshToken: refreshToken,
          ClientMetadata: contextFor(username),
        }),
      ),
    );
  }

  private secretHash(username: string): string {
    return createSecretHash(username, this.app.clientId, this.app.clientSecret);
  }

  private async refusingOnFailure(
    username: string,
    call: () => Promise<
      Pick<
        RespondToAuthChallengeCommandOutput,
        'AuthenticationResult' | 'ChallengeName' | 'Session' | 'ChallengeParameters'
      >
    >,
  ): Promise<AuthStep> {
    let response: Awaited<ReturnType<typeof call>>;
    try {
      response = await call();
    } catch (error) {
      return refusedOn(error);
    }
    if (response.AuthenticationResult) {
      return { kind: 'tokens', tokens: tokensOf(response.AuthenticationResult), username };
    }
    if (response.ChallengeName === 'CUSTOM_CHALLENGE' && response.Session) {
      return {
        kind: 'code_required',
        session: response.Session,
        username,
        destination: response.ChallengeParameters?.destination,
      };
    }
    return REFUSED;
  }
}

function refusedOn(error: unknown): AuthStep {
  if (REFUSALS.some((refusal) => error instanceof refusal)) return REFUSED;
  throw error;
}

/** A challenge shaped like Cognito's, to sign when there is no real one: the same work, no answer. */
function dummyChallenge(username: string) {
  return {
    ChallengeName: 'PASSWORD_VERIFIER',
    ChallengeParameters: {
      SALT: randomBytes(16).toString('hex'),
      SRP_B: randomBytes(384).toString('hex'),
      SECRET_BLOCK: randomBytes(1024).toString('base64'),
      USER_ID_FOR_SRP: username,
      USERNAME: username,
    },
  };
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
