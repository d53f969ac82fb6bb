import { randomUUID } from 'node:crypto';
import {
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { tokensOf } from '../functions/aws/cognito-custom-auth.js';
import type { AuthStep, CustomAuthApi, IssuedTokens } from '../functions/core/geo/ports.js';
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

/**
 * Stands in for Cognito's custom-auth flow where the emulator has none: it invokes Warden's real
 * trigger handlers in the documented order, with the documented events, and passes ClientMetadata
 * as Cognito does (InitiateAuth's only to pre-authentication, as validationData; each
 * RespondToAuthChallenge's to define, create, verify and pre-token generation). The password is
 * checked by the emulator (the SRP exchange itself is not emulated: the emulator accepts any
 * SRP signature), so a wrong password or a disabled account fails as in Cognito.
 */
export class CustomAuthHarness implements CustomAuthApi {
  private readonly pending = new Map<string, PendingSignIn>();

  constructor(
    private readonly cognito: CognitoIdentityProviderClient,
    private readonly userPoolId: string,
    private readonly clientId: string,
    private readonly triggers: SignInTriggerHandlers = localTriggers(),
  ) {}

  async start(
    username: string,
    password: string,
    clientMetadata: Record<string, string>,
  ): Promise<AuthStep> {
    const attributes = await this.attributesOf(username);
    if (!attributes) return { kind: 'refused' };
    try {
      await this.invoke(
        this.triggers.preAuthentication,
        'PreAuthentication_Authentication',
        username,
        attributes,
        {
          validationData: clientMetadata,
        },
      );
    } catch {
      return { kind: 'refused' };
    }
    const steps: SessionStep[] = [{ challengeName: 'SRP_A', challengeResult: true }];
    const first = await this.define(username, attributes, steps, undefined);
    if (first.challengeName !== 'PASSWORD_VERIFIER') return { kind: 'refused' };

    const tokens = await this.checkPassword(username, password);
    if (!tokens) return { kind: 'refused' };
    steps.push({ challengeName: 'PASSWORD_VERIFIER', challengeResult: true });
    const signIn: PendingSignIn = {
      username,
      attributes,
      steps,
      privateChallengeParameters: {},
      tokens,
    };
    return this.proceed(
      signIn,
      await this.define(username, attributes, steps, clientMetadata),
      clientMetadata,
    );
  }

  async answer(
    session: string,
    username: string,
    code: string,
    clientMetadata: Record<string, string>,
  ): Promise<AuthStep> {
    const signIn = this.pending.get(session);
    this.pending.delete(session);
    if (!signIn || signIn.username !== username) return { kind: 'refused' };
    const verified = await this.invoke(
      this.triggers.verifyAuthChallenge,
      'VerifyAuthChallengeResponse_Authentication',
      username,
      signIn.attributes,
      {
        privateChallengeParameters: signIn.privateChallengeParameters,
        challengeAnswer: code,
        clientMetadata,
      },
    );
    const last = signIn.steps.at(-1) as SessionStep;
    last.challengeResult = verified.response.answerCorrect === true;
    return this.proceed(
      signIn,
      await this.define(username, signIn.attributes, signIn.steps, clientMetadata),
      clientMetadata,
    );
  }

  /** Acts on define-auth-challenge's answer as Cognito does. */
  private async proceed(
    signIn: PendingSignIn,
    decision: Record<string, unknown>,
    clientMetadata: Record<string, string>,
  ): Promise<AuthStep> {
    if (decision.failAuthentication) return { kind: 'refused' };
    if (decision.issueTokens) {
      const generated = await this.invoke(
        this.triggers.preTokenGeneration,
        'TokenGeneration_Authentication',
        signIn.username,
        signIn.attributes,
        {
          groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [] },
          clientMetadata,
        },
      ).catch(() => undefined);
      if (!generated) return { kind: 'refused' };
      const overrides = generated.response.claimsOverrideDetails as
        | { claimsToAddOrOverride?: Record<string, string> }
        | undefined;
      const tokens: HarnessTokens = {
        ...signIn.tokens,
        addedClaims: overrides?.claimsToAddOrOverride ?? {},
      };
      return { kind: 'tokens', tokens };
    }
    if (decision.challengeName !== 'CUSTOM_CHALLENGE') return { kind: 'refused' };
    const created = await this.invoke(
      this.triggers.createAuthChallenge,
      'CreateAuthChallenge_Authentication',
      signIn.username,
      signIn.attributes,
      {
        challengeName: 'CUSTOM_CHALLENGE',
        session: signIn.steps,
        clientMetadata,
      },
    ).catch(() => undefined);
    if (!created) return { kind: 'refused' };
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
    return { kind: 'code_required', session, destination: publicParameters.destination };
  }

  private async define(
    username: string,
    attributes: Record<string, string>,
    steps: SessionStep[],
    clientMetadata: Record<string, string> | undefined,
  ): Promise<Record<string, unknown>> {
    const defined = await this.invoke(
      this.triggers.defineAuthChallenge,
      'DefineAuthChallenge_Authentication',
      username,
      attributes,
      {
        session: steps.map((s) => ({ ...s })),
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

  private async attributesOf(username: string): Promise<Record<string, string> | undefined> {
    try {
      const user = await this.cognito.send(
        new AdminGetUserCommand({ UserPoolId: this.userPoolId, Username: username }),
      );
      const attributes = Object.fromEntries(
        (user.UserAttributes ?? []).map((a) => [a.Name as string, a.Value ?? '']),
      );
      return { ...attributes, 'cognito:user_status': user.UserStatus ?? '' };
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
