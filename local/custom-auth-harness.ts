import { randomUUID } from 'node:crypto';
import {
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { tokensOf } from '../functions/aws/cognito-custom-auth.js';
import type {
  AuthStep,
  ContextFor,
  CustomAuthApi,
  IssuedTokens,
} from '../functions/core/geo/ports.js';
import type { SessionStep } from '../functions/core/geo/sign-in-steps.js';
import type { TriggerHandler } from '../functions/geo-triggers/handlers/trigger-dependencies.js';
import { localTriggers, type SignInTriggerHandlers } from './local-triggers.js';

type TriggerResponse = { response: Record<string, unknown> };

interface PendingSignIn {
  username: string;
  attributes: Record<string, string>;
  steps: SessionStep[];
  privateChallengeParameters: Record<string, string>;
  tokens: IssuedTokens;
}

/** Tokens plus the claims pre-token-generation added (a real ID token carries them inside). */
export type HarnessTokens = IssuedTokens & { addedClaims: Record<string, string> };

const REFUSED: AuthStep = { kind: 'refused' };

/**
 * Stands in for Cognito's custom-auth flow where the emulator has none. It invokes Warden's real
 * trigger handlers in the documented order, with the documented events, and passes ClientMetadata
 * as Cognito does: InitiateAuth's only to pre-authentication (as validationData); each
 * RespondToAuthChallenge's, and GetTokensFromRefreshToken's, to the triggers of that call.
 * The password is checked by the emulator (the SRP exchange itself is not emulated: the emulator
 * accepts any SRP signature), so a wrong password or a disabled account fails as in Cognito.
 * Like a client with PreventUserExistenceErrors, an unknown username goes through the same steps
 * (`userNotFound`) and fails at the password, as a wrong password does.
 */
export class CustomAuthHarness implements CustomAuthApi {
  private readonly pending = new Map<string, PendingSignIn>();

  constructor(
    private readonly cognito: CognitoIdentityProviderClient,
    private readonly userPoolId: string,
    private readonly clientId: string,
    private readonly triggers: SignInTriggerHandlers = localTriggers(),
  ) {}

  async start(username: string, password: string, contextFor: ContextFor): Promise<AuthStep> {
    const known = await this.userOf(username);
    const attributes = known?.attributes ?? {};
    const userNotFound = known === undefined;
    const resolved = known?.username ?? username;
    const refused = await this.invoke(
      this.triggers.preAuthentication,
      'PreAuthentication_Authentication',
      resolved,
      attributes,
      {
        validationData: contextFor(username),
        userNotFound,
      },
    ).then(
      () => false,
      () => true,
    );
    if (refused) return REFUSED;
    const steps: SessionStep[] = [{ challengeName: 'SRP_A', challengeResult: true }];
    const first = await this.define(resolved, attributes, steps, undefined, userNotFound);
    if (first.challengeName !== 'PASSWORD_VERIFIER') return REFUSED;

    const tokens = await this.checkPassword(resolved, password);
    steps.push({ challengeName: 'PASSWORD_VERIFIER', challengeResult: tokens !== undefined });
    const metadata = contextFor(resolved);
    const decision = await this.define(resolved, attributes, steps, metadata, userNotFound);
    if (!tokens) return REFUSED;
    const signIn: PendingSignIn = {
      username: resolved,
      attributes,
      steps,
      privateChallengeParameters: {},
      tokens,
    };
    return this.proceed(signIn, decision, metadata);
  }

  async answer(
    session: string,
    username: string,
    code: string,
    contextFor: ContextFor,
  ): Promise<AuthStep> {
    const signIn = this.pending.get(session);
    this.pending.delete(session);
    if (!signIn || signIn.username !== username) return REFUSED;
    const metadata = contextFor(username);
    const verified = await this.invoke(
      this.triggers.verifyAuthChallenge,
      'VerifyAuthChallengeResponse_Authentication',
      username,
      signIn.attributes,
      {
        privateChallengeParameters: signIn.privateChallengeParameters,
        challengeAnswer: code,
        clientMetadata: metadata,
      },
    );
    const last = signIn.steps.at(-1) as SessionStep;
    last.challengeResult = verified.response.answerCorrect === true;
    return this.proceed(
      signIn,
      await this.define(username, signIn.attributes, signIn.steps, metadata),
      metadata,
    );
  }

  /** GetTokensFromRefreshToken: the emulator renews the tokens, pre-token generation decides on them. */
  async refresh(refreshToken: string, username: string, contextFor: ContextFor): Promise<AuthStep> {
    const attributes = (await this.userOf(username))?.attributes;
    if (!attributes) return REFUSED;
    let renewed: IssuedTokens | undefined;
    try {
      const result = await this.cognito.send(
        new AdminInitiateAuthCommand({
          UserPoolId: this.userPoolId,
          ClientId: this.clientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: refreshToken },
        }),
      );
      renewed = result.AuthenticationResult ? tokensOf(result.AuthenticationResult) : undefined;
    } catch {
      return REFUSED; // a disabled account or a revoked token, as Cognito answers
    }
    if (!renewed) return REFUSED;
    const tokens = await this.generateTokens(
      'TokenGeneration_RefreshTokens',
      username,
      attributes,
      renewed,
      contextFor(username),
    );
    return tokens ? { kind: 'tokens', tokens, username } : REFUSED;
  }

  /** Acts on define-auth-challenge's answer as Cognito does. */
  private async proceed(
    signIn: PendingSignIn,
    decision: Record<string, unknown>,
    metadata: Record<string, string>,
  ): Promise<AuthStep> {
    if (decision.failAuthentication) return REFUSED;
    if (decision.issueTokens) {
      const tokens = await this.generateTokens(
        'TokenGeneration_Authentication',
        signIn.username,
        signIn.attributes,
        signIn.tokens,
        metadata,
      );
      return tokens ? { kind: 'tokens', tokens, username: signIn.username } : REFUSED;
    }
    if (decision.challengeName !== 'CUSTOM_CHALLENGE') return REFUSED;
    // A trigger that throws fails the sign-in, as in Cognito.
    const created = await this.invoke(
      this.triggers.createAuthChallenge,
      'CreateAuthChallenge_Authentication',
      signIn.username,
      signIn.attributes,
      { challengeName: 'CUSTOM_CHALLENGE', session: signIn.steps, clientMetadata: metadata },
    ).catch(() => undefined);
    if (!created) return REFUSED;
    signIn.privateChallengeParameters = created.response.privateChallengeParameters as Record<
      string,
      string
    >;
    signIn.steps.push({
      challengeName: 'CUSTOM_CHALLENGE',
      challengeResult: false,
      challengeMetadata: created.response.challengeMetadata as string,
    });
    const session = randomUUID();
    this.pending.set(session, signIn);
    const publicParameters = created.response.publicChallengeParameters as Record<string, string>;
    return {
      kind: 'code_required',
      session,
      username: signIn.username,
      destination: publicParameters.destination,
    };
  }

  /** Pre-token generation (version 1 events, as the stack configures it); undefined when it refuses. */
  private async generateTokens(
    triggerSource: string,
    username: string,
    attributes: Record<string, string>,
    tokens: IssuedTokens,
    metadata: Record<string, string>,
  ): Promise<HarnessTokens | undefined> {
    const generated = await this.invoke(
      this.triggers.preTokenGeneration,
      triggerSource,
      username,
      attributes,
      {
        groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [] },
        clientMetadata: metadata,
      },
    ).catch(() => undefined);
    if (!generated) return undefined;
    const overrides = generated.response.claimsOverrideDetails as
      | { claimsToAddOrOverride?: Record<string, string> }
      | undefined;
    return { ...tokens, addedClaims: overrides?.claimsToAddOrOverride ?? {} };
  }

  private async define(
    username: string,
    attributes: Record<string, string>,
    steps: SessionStep[],
    clientMetadata: Record<string, string> | undefined,
    userNotFound = false,
  ): Promise<Record<string, unknown>> {
    const defined = await this.invoke(
      this.triggers.defineAuthChallenge,
      'DefineAuthChallenge_Authentication',
      username,
      attributes,
      {
        session: steps.map((s) => ({ ...s })),
        userNotFound,
        ...(clientMetadata ? { clientMetadata } : {}),
      },
    );
    return defined.response;
  }

  private async invoke(
    trigger: TriggerHandler,
    triggerSource: string,
    userName: string,
    userAttributes: Record<string, string>,
    request: Record<string, unknown>,
  ): Promise<TriggerResponse> {
    const event = {
      version: '1',
      triggerSource,
      region: process.env.AWS_REGION ?? 'us-east-1',
      userPoolId: this.userPoolId,
      userName,
      callerContext: { awsSdkVersion: 'aws-sdk-js-3', clientId: this.clientId },
      request: { userAttributes, ...request },
      response: {},
    };
    return (await trigger(event)) as TriggerResponse;
  }

  /** The user as Cognito resolves the name, with the attributes trigger events carry. */
  private async userOf(
    name: string,
  ): Promise<{ username: string; attributes: Record<string, string> } | undefined> {
    try {
      const user = await this.cognito.send(
        new AdminGetUserCommand({ UserPoolId: this.userPoolId, Username: name }),
      );
      const attributes = Object.fromEntries(
        (user.UserAttributes ?? []).map((a) => [a.Name as string, a.Value ?? '']),
      );
      return {
        username: user.Username ?? name,
        attributes: { ...attributes, 'cognito:user_status': user.UserStatus ?? '' },
      };
    } catch {
      return undefined;
    }
  }

  private async checkPassword(
    username: string,
    password: string,
  ): Promise<IssuedTokens | undefined> {
    try {
      const result = await this.cognito.send(
        new AdminInitiateAuthCommand({
          UserPoolId: this.userPoolId,
          ClientId: this.clientId,
          AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: username, PASSWORD: password },
        }),
      );
      return result.AuthenticationResult ? tokensOf(result.AuthenticationResult) : undefined;
    } catch {
      return undefined;
    }
  }
}
