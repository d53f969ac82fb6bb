import type { APIGatewayProxyResult } from 'aws-lambda';
import type * as z from 'zod/mini';
import {
  type GatewayDependencies,
  type GatewayResult,
  gatewayRefresh,
  gatewayRespond,
  gatewaySignIn,
} from '../core/geo/gateway.js';
import { formatIssues, tryParse } from '../core/shared/validation.js';
import {
  gatewayEventSchema,
  refreshBodySchema,
  respondBodySchema,
  signInBodySchema,
} from './gateway-event.js';

const json = (statusCode: number, body: unknown): APIGatewayProxyResult => ({
  statusCode,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  body: JSON.stringify(body),
});

const badRequest = (message: string) => json(400, { status: 'invalid', message });

type Route = (
  body: unknown,
  ip: string,
  deps: GatewayDependencies,
) => Promise<APIGatewayProxyResult>;

/** A route: validate the body with its schema, then run the core step with the caller's address. */
function route<T extends z.ZodMiniType<object>>(
  schema: T,
  step: (input: z.infer<T> & { ip: string }, deps: GatewayDependencies) => Promise<GatewayResult>,
): Route {
  return async (body, ip, deps) => {
    // Names the field that is wrong, never echoes a value (it may be a password).
    const input = tryParse(schema, body);
    return input.ok
      ? respond(await step({ ...input.value, ip }, deps))
      : badRequest(formatIssues(input.issues).join('; '));
  };
}

const ROUTES: Record<string, Route> = {
  '/auth/sign-in': route(signInBodySchema, gatewaySignIn),
  '/auth/respond': route(respondBodySchema, gatewayRespond),
  '/auth/refresh': route(refreshBodySchema, gatewayRefresh),
};

/** The gateway's routes; what Cognito and the geo database are comes from `dependencies`. */
export function createGatewayHandler(dependencies: () => Promise<GatewayDependencies>) {
  return async (raw: unknown): Promise<APIGatewayProxyResult> => {
    const event = tryParse(gatewayEventSchema, raw);
    if (!event.ok) return badRequest('malformed request');
    const { path, httpMethod, requestContext } = event.value;
    if (httpMethod !== 'POST') return json(405, { status: 'invalid', message: 'use POST' });
    const handle = Object.entries(ROUTES).find(([suffix]) => path.endsWith(suffix))?.[1];
    if (!handle) return json(404, { status: 'invalid', message: 'no such route' });
    const body = parseBody(event.value.body, event.value.isBase64Encoded);
    return handle(body, requestContext.identity.sourceIp, await dependencies());
  };
}

function parseBody(body: string | null, base64: boolean | undefined): unknown {
  if (!body) return undefined;
  try {
    return JSON.parse(base64 ? Buffer.from(body, 'base64').toString('utf8') : body);
  } catch {
    return undefined;
  }
}

function respond(result: GatewayResult): APIGatewayProxyResult {
  return json(result.status, result.body);
}
