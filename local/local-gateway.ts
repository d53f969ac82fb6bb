import { documentClient } from '../functions/aws/clients/dynamodb.js';
import { secretsClient } from '../functions/aws/clients/secrets-manager.js';
import { GovernanceTable } from '../functions/aws/dynamo/governance-table.js';
import { DynamoRateLimiter } from '../functions/aws/dynamo/rate-limiter.js';
import { containerGeoLocator } from '../functions/aws/geo-locator-source.js';
import { secretsKeyRing } from '../functions/aws/secrets-key-ring.js';
import { systemClock } from '../functions/aws/system.js';
import type { GatewayDependencies } from '../functions/core/geo/gateway.js';
import type { Clock } from '../functions/core/shared/clock.js';
import { createGatewayHandler } from '../functions/sign-in-gateway/create-handler.js';
import { CustomAuthHarness } from './custom-auth-harness.js';
import { localTriggers } from './local-triggers.js';
import type { LocalWarden } from './local-warden.js';

export interface LocalGatewayOptions {
  limits?: GatewayDependencies['limits'];
  clock?: Clock;
}

/** The real gateway handler, wired to the emulator and to the custom-auth harness. */
export function localGateway(warden: LocalWarden, options: LocalGatewayOptions = {}) {
  const { resources } = warden;
  const clock = options.clock ?? systemClock;
  // One harness: like Cognito, it remembers sign-ins waiting for their code.
  const api = new CustomAuthHarness(
    warden.cognito,
    resources.userPoolId,
    resources.clientId,
    localTriggers(clock),
  );
  const keys = secretsKeyRing(secretsClient(), resources.geoKeySecret, clock);
  const limiter = new DynamoRateLimiter(new GovernanceTable(documentClient(), resources.table));
  const dependencies = async (): Promise<GatewayDependencies> => ({
    api,
    locator: await containerGeoLocator(),
    keys,
    limiter,
    clock,
    clientId: resources.clientId,
    limits: options.limits ?? { perAddress: 10, perUsername: 5 },
  });
  const handler = createGatewayHandler(dependencies);
  /** POSTs a JSON body as API Gateway would deliver it, from `sourceIp`. */
  return async (
    path: '/auth/sign-in' | '/auth/respond' | '/auth/refresh',
    body: unknown,
    sourceIp: string,
  ) => {
    const result = await handler({
      resource: path,
      path,
      httpMethod: 'POST',
      body: JSON.stringify(body),
      isBase64Encoded: false,
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '189.203.0.1' },
      requestContext: { identity: { sourceIp } },
    });
    return { status: result.statusCode, body: JSON.parse(result.body) };
  };
}

/** The last one-time code the emulator's SES "sent" to an address. */
export async function lastCodeSentTo(endpoint: string, email: string): Promise<string | undefined> {
  const data = (await (await fetch(`${endpoint}/moto-api/data.json`)).json()) as {
    ses?: { Message?: { body: string; destinations: { ToAddresses?: string[] } }[] };
  };
  const messages = (data.ses?.Message ?? []).filter((m) =>
    m.destinations.ToAddresses?.includes(email),
  );
  return /\b(\d{6})\b/.exec(messages.at(-1)?.body ?? '')?.[1];
}
