// API Gateway (REST, Lambda proxy) events as the offboarding API receives them with IAM auth.
import { apiGatewayEvent } from '../../../local/local-offboarding.js';

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
  return apiGatewayEvent(method, resource, { ...options, caller: options.caller ?? HR_CALLER });
}
