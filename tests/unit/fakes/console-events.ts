// Console API events as API Gateway sends them once its Cognito authoriser accepted a staff token.
import { createHash } from 'node:crypto';
import type { StaffRole } from '../../../functions/core/console/roles.js';
import { authoriserClaims, consoleApiEvent } from '../../../local/console/api-gateway-event.js';

/** A staff member's immutable id, which (unlike the username) logs may carry. */
export const subOf = (username: string) =>
  createHash('sha256').update(username).digest('hex').slice(0, 16);

export function staffClaims(username: string, ...roles: StaffRole[]) {
  return authoriserClaims({
    sub: subOf(username),
    'cognito:username': username,
    'cognito:groups': roles,
    token_use: 'id',
  });
}

export function consoleEvent(
  method: string,
  path: string,
  options: {
    claims?: Record<string, string>;
    body?: unknown;
    query?: Record<string, string>;
    headers?: Record<string, string>;
  } = {},
) {
  const event = consoleApiEvent(
    {
      method,
      path,
      query: options.query,
      headers: options.headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
    },
    options.claims ?? staffClaims('hr.ana', 'hr'),
  );
  if (!event) throw new Error(`no console route ${method} ${path}`);
  return event;
}
