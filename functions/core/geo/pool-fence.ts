// Attaching Warden's triggers to a user pool the stack does not own, and checking that no
// other app client can sign people in around the fence. Pure logic: the adapter reads and
// writes the pool.

/** The trigger slots Warden fills, by their LambdaConfig names. */
export const FENCE_SLOTS = [
  'PreAuthentication',
  'DefineAuthChallenge',
  'CreateAuthChallenge',
  'VerifyAuthChallengeResponse',
  'PreTokenGeneration',
] as const;
export type FenceSlot = (typeof FENCE_SLOTS)[number];
export type FenceTriggers = Record<FenceSlot, string>;

/** A pool's LambdaConfig as far as the fence cares: slot name -> function ARN (or a nested config). */
export type LambdaConfig = Record<string, unknown>;

/**
 * The LambdaConfig with Warden's triggers in their slots and every other slot as it was. A slot
 * that another function holds is a problem, named: Warden never replaces someone else's trigger.
 * `ours` lists ARNs that count as Warden's own (the ones a previous deployment attached).
 */
export function fencedLambdaConfig(
  current: LambdaConfig,
  triggers: FenceTriggers,
  ours: readonly string[] = [],
): { config: LambdaConfig } | { problems: string[] } {
  const mine = new Set([...Object.values(triggers), ...ours]);
  const problems: string[] = [];
  for (const slot of FENCE_SLOTS) {
    const holder = current[slot];
    if (typeof holder === 'string' && holder !== '' && !mine.has(holder)) {
      problems.push(`trigger slot ${slot} is held by another function (${holder})`);
    }
  }
  const v2 = current.PreTokenGenerationConfig as { LambdaArn?: string } | undefined;
  if (v2?.LambdaArn && !mine.has(v2.LambdaArn)) {
    problems.push(
      `trigger slot PreTokenGenerationConfig is held by another function (${v2.LambdaArn})`,
    );
  }
  if (problems.length > 0) return { problems };
  const { PreTokenGenerationConfig: _v2, ...rest } = current;
  return { config: { ...rest, ...triggers } };
}

/** The LambdaConfig as it was before Warden: its slots back to what they held, the rest untouched. */
export function restoredLambdaConfig(
  current: LambdaConfig,
  previous: LambdaConfig,
  triggers: FenceTriggers,
): LambdaConfig {
  const restored: LambdaConfig = { ...current };
  for (const slot of FENCE_SLOTS) {
    if (current[slot] !== triggers[slot]) continue;
    if (previous[slot] === undefined) delete restored[slot];
    else restored[slot] = previous[slot];
  }
  if (
    previous.PreTokenGenerationConfig !== undefined &&
    restored.PreTokenGenerationConfig === undefined
  ) {
    restored.PreTokenGenerationConfig = previous.PreTokenGenerationConfig;
  }
  return restored;
}

/** What the fence needs to know of an app client. */
export interface AppClientFacts {
  clientId: string;
  name?: string;
  explicitAuthFlows: string[];
  /** OAuth flows (`code`, `implicit`, `client_credentials`) when OAuth is enabled for the client. */
  oauthFlows: string[];
  accessTokenMinutes?: number;
  idTokenMinutes?: number;
}

const SIGN_IN_FLOWS = new Set([
  'ALLOW_USER_PASSWORD_AUTH',
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_CUSTOM_AUTH',
  'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  'ALLOW_USER_AUTH',
  'ADMIN_NO_SRP_AUTH',
  'CUSTOM_AUTH_FLOW_ONLY',
  'USER_PASSWORD_AUTH',
]);
const GATEWAY_FLOWS = new Set(['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
export const MAX_GATEWAY_TOKEN_MINUTES = 15;

/** Whether a client can sign a person in: a password, SRP or custom flow, or the hosted UI. */
export function signsPeopleIn(client: AppClientFacts): boolean {
  return (
    client.explicitAuthFlows.some((flow) => SIGN_IN_FLOWS.has(flow)) ||
    client.oauthFlows.some((flow) => flow === 'code' || flow === 'implicit')
  );
}

/**
 * Problems with the pool's app clients: the gateway's client must expose only the custom and
 * refresh flows, no OAuth, and short tokens; every other client that signs people in must be
 * named in `unfencedClients` with a reason.
 */
export function clientProblems(
  clients: readonly AppClientFacts[],
  gatewayClientId: string,
  unfenced: readonly { clientId: string }[],
): string[] {
  const problems: string[] = [];
  const gateway = clients.find((c) => c.clientId === gatewayClientId);
  if (!gateway)
    problems.push(`the gateway client ${gatewayClientId} is not an app client of the pool`);
  else {
    const extra = gateway.explicitAuthFlows.filter((flow) => !GATEWAY_FLOWS.has(flow));
    if (extra.length > 0)
      problems.push(`the gateway client allows other flows: ${extra.join(', ')}`);
    if (gateway.oauthFlows.length > 0)
      problems.push(`the gateway client has OAuth flows: ${gateway.oauthFlows.join(', ')}`);
    for (const [token, minutes] of [
      ['access', gateway.accessTokenMinutes],
      ['ID', gateway.idTokenMinutes],
    ] as const) {
      if (minutes === undefined || minutes > MAX_GATEWAY_TOKEN_MINUTES) {
        problems.push(
          `the gateway client's ${token} tokens last ${minutes ?? 'the default 60'} minutes; at most ${MAX_GATEWAY_TOKEN_MINUTES}`,
        );
      }
    }
  }
  const named = new Set(unfenced.map((u) => u.clientId));
  for (const client of clients) {
    if (client.clientId === gatewayClientId || named.has(client.clientId) || !signsPeopleIn(client))
      continue;
    problems.push(
      `app client ${client.clientId}${client.name ? ` (${client.name})` : ''} can sign people in around the fence; remove its sign-in flows or name it in geo.unfencedClients with a reason`,
    );
  }
  return problems;
}
