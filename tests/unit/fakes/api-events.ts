// API Gateway (REST, Lambda proxy) events as the offboarding API receives them with IAM auth.
import { randomUUID } from 'node:crypto';

export const HR_ROLE = 'arn:aws:iam::111122223333:role/hr-integration';
export const HR_CALLER = 'arn:aws:sts::111122223333:assumed-role/hr-integration/workday';

export function apiEvent(
  method: string,
  resource: string,
  options: {
    body?: unknown;
    id?: string;
    query?: Record<string, string>;
    headers?: Record<string, string>;
    caller?: string;
  } = {},
) {
  return {
    resource,
    path: resource.replace('{id}', options.id ?? ''),
    httpMethod: method,
    headers: { 'content-type': 'application/json', ...options.headers },
    pathParameters: options.id ? { id: options.id } : null,
    queryStringParameters: options.query ?? null,
    body:
      options.body === undefined
        ? null
        : typeof options.body === 'string'
          ? options.body
          : JSON.stringify(options.body),
    isBase64Encoded: false,
    requestContext: {
      requestId: randomUUID(),
      identity: { userArn: options.caller ?? HR_CALLER, caller: 'AROAEXAMPLE:workday' },
    },
  };
}
