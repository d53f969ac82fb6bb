import type { APIGatewayProxyResult } from 'aws-lambda';
import type { z } from 'zod';
import {
  type GatewayDependencies,
  type GatewayResult,
  gatewayRespond,
  gatewaySignIn,
} from '../core/geo/gateway.js';
import { formatIssues } from '../core/shared/validation.js';
import { gatewayEventSchema, respondBodySchema, signInBodySchema } from './gateway-event.js';

const json = (statusCode: number, body: unknown): APIGatewayProxyResult => ({
  statusCode,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  body: JSON.stringify(body),
});

const badRequest = (message: string) => json(400, { status: 'invalid', message });

/** The gateway's two routes; what Cognito and the geo database are comes from `dependencies`. */
export function createGatewayHandler(dependencies: () => Promise<GatewayDependencies>) {
  return async (raw: unknown): Promise<APIGatewayProxyResult> => {
    const event = gatewayEventSchema.safeParse(raw);
    if (!event.success) return badRequest('malformed request');
    const { path, httpMethod, requestContext } = event.data;
    if (httpMethod !== 'POST') return json(405, { status: 'invalid', message: 'use POST' });
    const ip = requestContext.identity.sourceIp;
    const body = parseBody(event.data.body, event.data.isBase64Encoded);
    if (path.endsWith('/auth/sign-in')) {
      const input = validate(signInBodySchema, body);
      return 'error' in input
        ? badRequest(input.error)
        : respond(await gatewaySignIn({ ...input.value, ip }, await dependencies()));
    }
    if (path.endsWith('/auth/respond')) {
      const input = validate(respondBodySchema, body);
      return 'error' in input
        ? badRequest(input.error)
        : respond(await gatewayRespond({ ...input.value, ip }, await dependencies()));
    }
    return json(404, { status: 'invalid', message: 'no such route' });
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

/** Names the field that is wrong, never echoes a value (it may be a password). */
function validate<T extends z.ZodType>(
  schema: T,
  body: unknown,
): { value: z.infer<T> } | { error: string } {
  const parsed = schema.safeParse(body);
  if (parsed.success) return { value: parsed.data };
  return { error: formatIssues(parsed.error.issues).join('; ') };
}

function respond(result: GatewayResult): APIGatewayProxyResult {
  return json(result.status, result.body);
}
