import { randomBytes } from 'node:crypto';
import {
  type CognitoIdentityProviderClient,
  InternalErrorException,
  NotAuthorizedException,
  UserLambdaValidationException,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { CognitoCustomAuth } from '../../../functions/aws/cognito-custom-auth.js';

// The emulator has no CUSTOM_AUTH flow, so this adapter's protocol is checked at the client:
// what it sends to Cognito, in which order, and how it reads the answers.
type Sent = { command: string; input: Record<string, unknown> };

function fakeCognito(replies: ((input: Record<string, unknown>) => unknown)[]) {
  const sent: Sent[] = [];
  const client = {
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      sent.push({ command: command.constructor.name, input: command.input });
      const reply = replies.shift();
      if (!reply) throw new Error('unexpected call');
      return await Promise.resolve(reply(command.input));
    },
  } as unknown as CognitoIdentityProviderClient;
  return { client, sent };
}

type RefusalClass = new (options: { message: string; $metadata: object }) => Error;

const APP = {
  userPoolId: 'us-east-1_PressOff1',
  clientId: 'client-1',
  clientSecret: 'client-secret',
};
/** A distinct context per call, naming whom it was made for. */
const contextFor = (name: string) => ({ warden_geo: `context-for:${name}` });
const passwordChallenge = () => ({
  ChallengeName: 'PASSWORD_VERIFIER',
  Session: 'session-1',
  ChallengeParameters: {
    SALT: randomBytes(16).toString('hex'),
    SRP_B: `1${randomBytes(383).toString('hex')}`,
    SECRET_BLOCK: randomBytes(64).toString('base64'),
    USER_ID_FOR_SRP: 'a1b2c3-sub',
    USERNAME: 'a1b2c3-sub',
  },
});

describe('Cognito custom-auth adapter (SRP)', () => {
  it('starts CUSTOM_AUTH with SRP_A, answers PASSWORD_VERIFIER, and passes the geo context both times', async () => {
    const challenge = passwordChallenge();
    const { client, sent } = fakeCognito([
      () => challenge,
      () => ({
        ChallengeName: 'CUSTOM_CHALLENGE',
        Session: 'session-2',
        ChallengeParameters: { destination: 'a***@x.org' },
      }),
    ]);
    const step = await new CognitoCustomAuth(client, APP).start(
      'ana.lopez',
      'Pa55word!',
      contextFor,
    );
    expect(step).toEqual({
      kind: 'code_required',
      session: 'session-2',
      username: 'a1b2c3-sub',
      destination: 'a***@x.org',
    });

    const [initiate, verifier] = sent as [Sent, Sent];
    expect(initiate.command).toBe('InitiateAuthCommand');
    expect(initiate.input).toMatchObject({
      ClientId: 'client-1',
      AuthFlow: 'CUSTOM_AUTH',
      AuthParameters: {
        USERNAME: 'ana.lopez',
        CHALLENGE_NAME: 'SRP_A',
        SRP_A: expect.stringMatching(/^[0-9a-f]{512,}$/),
      },
      // Before Cognito resolves the name, the context names it as typed ...
      ClientMetadata: contextFor('ana.lopez'),
    });
    expect((initiate.input.AuthParameters as Record<string, string>).SECRET_HASH).toMatch(
      /^[A-Za-z0-9+/]{43}=$/,
    );
    expect(verifier.command).toBe('RespondToAuthChallengeCommand');
    expect(verifier.input).toMatchObject({
      ChallengeName: 'PASSWORD_VERIFIER',
      Session: 'session-1',
      // ... and afterwards as Cognito resolved it.
      ClientMetadata: contextFor('a1b2c3-sub'),
      ChallengeResponses: {
        USERNAME: 'a1b2c3-sub',
        PASSWORD_CLAIM_SECRET_BLOCK: challenge.ChallengeParameters.SECRET_BLOCK,
        PASSWORD_CLAIM_SIGNATURE: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/),
        TIMESTAMP: expect.stringMatching(
          /^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{1,2} \d{2}:\d{2}:\d{2} UTC \d{4}$/,
        ),
      },
    });
    // The secret hash is per user id, so it changes with USER_ID_FOR_SRP.
    expect((verifier.input.ChallengeResponses as Record<string, string>).SECRET_HASH).not.toBe(
      (initiate.input.AuthParameters as Record<string, string>).SECRET_HASH,
    );
  });

  it('answers the code with the session and the geo context, and returns the tokens', async () => {
    const { client, sent } = fakeCognito([
      () => ({
        AuthenticationResult: {
          IdToken: 'id',
          AccessToken: 'access',
          RefreshToken: 'refresh',
          ExpiresIn: 3600,
        },
      }),
    ]);
    const step = await new CognitoCustomAuth(client, APP).answer(
      'session-2',
      'a1b2c3-sub',
      '123456',
      contextFor,
    );
    expect(step).toEqual({
      kind: 'tokens',
      tokens: { idToken: 'id', accessToken: 'access', refreshToken: 'refresh', expiresIn: 3600 },
      username: 'a1b2c3-sub',
    });
    expect(sent[0]?.input).toMatchObject({
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
    const { client, sent } = fakeCognito([
      () => ({ AuthenticationResult: { IdToken: 'id2', AccessToken: 'access2', ExpiresIn: 900 } }),
    ]);
    const step = await new CognitoCustomAuth(client, APP).refresh(
      'refresh-1',
      'a1b2c3-sub',
      contextFor,
    );
    expect(step).toMatchObject({
      kind: 'tokens',
      tokens: { idToken: 'id2' },
      username: 'a1b2c3-sub',
    });
    expect(sent[0]).toEqual({
      command: 'GetTokensFromRefreshTokenCommand',
      input: {
        ClientId: 'client-1',
        ClientSecret: 'client-secret',
        RefreshToken: 'refresh-1',
        ClientMetadata: contextFor('a1b2c3-sub'),
      },
    });
  });

  it('turns Cognito refusals into one generic refusal, and lets real faults through', async () => {
    const refusal = (Refusal: RefusalClass) => () => {
      throw new Refusal({ message: 'x', $metadata: {} });
    };
    for (const Refusal of [
      NotAuthorizedException,
      UserNotFoundException,
      UserLambdaValidationException,
    ]) {
      const { client } = fakeCognito([refusal(Refusal)]);
      expect(await new CognitoCustomAuth(client, APP).start('x', 'y', contextFor)).toEqual({
        kind: 'refused',
      });
    }
    const { client } = fakeCognito([refusal(InternalErrorException)]);
    await expect(new CognitoCustomAuth(client, APP).start('x', 'y', contextFor)).rejects.toThrow();
  });
});
