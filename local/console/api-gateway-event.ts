import { randomUUID } from 'node:crypto';
import { matchPath } from '../../functions/core/console/routes.js';

export interface ConsoleRequest {
  method: string;
  /** The concrete path, e.g. `/api/offboardings/ob-…`. */
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string | null;
}

/**
 * Claims as API Gateway's Cognito authoriser hands them to a REST API's Lambda proxy integration:
 * every value a string, a list (`cognito:groups`) joined with commas.
 */
export function authoriserClaims(payload: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(payload).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.join(',') : String(value),
    ]),
  );
}

/**
 * The event API Gateway sends the console API's function for a request whose token the Cognito
 * authoriser accepted; undefined when no route matches (API Gateway answers those itself).
 */
export function consoleApiEvent(request: ConsoleRequest, claims: Record<string, string>) {
  const match = matchPath(request.method, request.path);
  if (!match) return undefined;
  return {
    resource: match.route.path,
    path: request.path,
    httpMethod: request.method.toUpperCase(),
    headers: request.headers ?? {},
    pathParameters: Object.keys(match.parameters).length > 0 ? match.parameters : null,
    queryStringParameters:
      request.query && Object.keys(request.query).length > 0 ? request.query : null,
    body: request.body ?? null,
    isBase64Encoded: false,
    requestContext: { requestId: randomUUID(), authorizer: { claims } },
  };
}
