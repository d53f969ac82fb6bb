import { randomBytes } from 'node:crypto';
import {
  CognitoIdentityProviderClient,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
  InternalErrorException,
  NotAuthorizedException,
  RespondToAuthChallengeCommand,
  UserLambdaValidationException,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { CognitoCustomAuth } from '../../../functions/aws/cognito-custom-auth.js';

// The emulator has no CUSTOM_AUTH flow, so this adapter's protocol is checked at the client:
// what it sends to Cognito, in which order, and how it reads the answers.
const cognito = mockClient(CognitoIdentityProviderClient);
const auth = new CognitoCustomAuth(new CognitoIdentityProviderClient({ region: 'us-east-1' }), {
  userPoolId: 'us-east-1_PressOff1',
  clientId: 'client-1',
  clientSecret: 'client-secret',
});
/** A distinct context per call, naming whom it was made for. */
const contextFor = (name: string) => ({ warden_geo: `context-for:${name}` });
const PASSWORD_CHALLENGE = {
  ChallengeName: 'PASSWORD_VERIFIER' as const,
  Session: 'session-1',
  ChallengeParameters: {
    SALT: randomBytes(16).toString('hex'),
    SRP_B: `1${randomBytes(383).toString('hex')}`,
    SECRET_BLOCK: randomBytes(64).toString('base64'),
    USER_ID_FOR_SRP: 'a1b2c3-sub',
    USERNAME: 'a1b2c3-sub',
  },
};
const TOKENS = {
  AuthenticationResult: {
    IdToken: 'id',
    AccessToken: 'access',
    RefreshToken: 'refresh',
    ExpiresIn: 3600,
  },
};

const initiated = () => cognito.commandCalls(InitiateAuthCommand)[0]?.args[0].input;
const responded = () => cognito.commandCalls(RespondToAuthChallengeCommand)[0]?.args[0].input;

beforeEach(() => cognito.reset());

describe('Cognito custom-auth adapter (SRP)', () => {
  it('starts CUSTOM_AUTH with SRP_A, answers PASSWORD_VERIFIER, and passes the geo context both times', async () => {
    cognito.on(InitiateAuthCommand).resolves(PASSWORD_CHALLENGE);
    cognito.on(RespondToAuthChallengeCommand).resolves({
      ChallengeName: 'CUSTOM_CHALLENGE',
      Session: 'session-2',
      ChallengeParameters: { destination: 'a***@x.org' },
    });
    expect(await auth.start('ana.lopez', 'Pa55word!', contextFor)).toEqual({
      kind: 'code_required',
      session: 'session-2',
      username: 'a1b2c3-sub',
      destination: 'a***@x.org',
    });
    expect(initiated()).toMatchObject({
      ClientId: 'client-1',
      AuthFlow: 'CUSTOM_AUTH',
      AuthParameters: {
        USERNAME: 'ana.lopez',
        CHALLENGE_NAME: 'SRP_A',
        SRP_A: expect.stringMatching(/^[0-9a-f]{512,}$/),
        SECRET_HASH: expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/),
      },
      // Before Cognito resolves the name, the context names it as typed ...
      ClientMetadata: contextFor('ana.lopez'),
    });
    expect(responded()).toMatchObject({
      ChallengeName: 'PASSWORD_VERIFIER',
      Session: 'session-1',
      // ... and afterwards as Cognito resolved it.
      ClientMetadata: contextFor('a1b2c3-sub'),
      ChallengeResponses: {
        USERNAME: 'a1b2c3-sub',
        PASSWORD_CLAIM_SECRET_BLOCK: PASSWORD_CHALLENGE.ChallengeParameters.SECRET_BLOCK,
        PASSWORD_CLAIM_SIGNATURE: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/),
        TIMESTAMP: expect.stringMatching(
          /^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{1,2} \d{2}:\d{2}:\d{2} UTC \d{4}$/,
        ),
      },
    });
    // The secret hash is per user id, so it changes with USER_ID_FOR_SRP.
    expect(responded()?.ChallengeResponses?.SECRET_HASH).not.toBe(
      initiated()?.AuthParameters?.SECRET_HASH,
    );
  });

  it('returns the tokens when the password is enough', async () => {
    cognito.on(InitiateAuthCommand).resolves(PASSWORD_CHALLENGE);
    cognito.on(RespondToAuthChallengeCommand).resolves(TOKENS);
    expect(await auth.start('ana.lopez', 'Pa55word!', contextFor)).toEqual({
      kind: 'tokens',
      tokens: { idToken: 'id', accessToken: 'access', refreshToken: 'refresh', expiresIn: 3600 },
      username: 'a1b2c3-sub',
    });
  });

  it('answers the code with the session and the geo context, and returns the tokens', async () => {
    cognito.on(RespondToAuthChallengeCommand).resolves(TOKENS);
    const step = await auth.answer('session-2', 'a1b2c3-sub', '123456', contextFor);
    expect(step).toMatchObject({ kind: 'tokens', tokens: { idToken: 'id' } });
    expect(responded()).toMatchObject({
      ClientId: 'client-1',
      ChallengeName: 'CUSTOM_CHALLENGE',
      Session: 'session-2',
      ChallengeResponses: {
        USERNAME: 'a1b2c3-sub',
        ANSWER: '123456',
        SECRET_HASH: expect.any(String),
      },
      ClientMetadata: contextFor('a1b2c3-sub'),
    });
  });

  it('refreshes with GetTokensFromRefreshToken, which passes the geo context to pre-token generation', async () => {
    cognito
      .on(GetTokensFromRefreshTokenCommand)
      .resolves({ AuthenticationResult: { IdToken: 'id2', AccessToken: 'a2' } });
    const step = await auth.refresh('refresh-1', 'a1b2c3-sub', contextFor);
    expect(step).toMatchObject({
      kind: 'tokens',
      tokens: { idToken: 'id2' },
      username: 'a1b2c3-sub',
    });
    expect(cognito.commandCalls(GetTokensFromRefreshTokenCommand)[0]?.args[0].input).toEqual({
      ClientId: 'client-1',
      ClientSecret: 'client-secret',
      RefreshToken: 'refresh-1',
      ClientMetadata: contextFor('a1b2c3-sub'),
    });
  });

  it('refuses when Cognito does not follow the expected flow', async () => {
    cognito.on(InitiateAuthCommand).resolves({ ChallengeName: 'SMS_MFA', Session: 's' });
    expect(await auth.start('x', 'y', contextFor)).toEqual({ kind: 'refused' });
    expect(cognito.commandCalls(RespondToAuthChallengeCommand)).toEqual([]);
    cognito.on(RespondToAuthChallengeCommand).resolves({ ChallengeName: 'CUSTOM_CHALLENGE' });
    expect(await auth.answer('s', 'x', '123456', contextFor)).toEqual({ kind: 'refused' });
  });

  it('turns Cognito refusals into one generic refusal, and lets real faults through', async () => {
    for (const Refusal of [
      NotAuthorizedException,
      UserNotFoundException,
      UserLambdaValidationException,
    ]) {
      cognito.on(InitiateAuthCommand).rejects(new Refusal({ message: 'x', $metadata: {} }));
      expect(await auth.start('x', 'y', contextFor)).toEqual({ kind: 'refused' });
    }
    cognito
      .on(InitiateAuthCommand)
      .rejects(new InternalErrorException({ message: 'x', $metadata: {} }));
    await expect(auth.start('x', 'y', contextFor)).rejects.toBeInstanceOf(InternalErrorException);
    // Four SRP sign-in starts (big-integer arithmetic): seconds on a loaded machine.
  }, 30_000);
});
