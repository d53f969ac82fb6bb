// The AWS calls this process makes, timed from Node's HTTP client diagnostics channels: when each
// request left and when its answer came, named by operation. No proxy, so nothing is added to
// the times it observes.

import dc from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface TimedCall {
  /** `dynamodb.PutItem`, `cognito-idp.AdminDisableUser`, or the method and path of a REST call. */
  operation: string;
  startMs: number;
  endMs: number;
}

/** JSON protocols name the operation in `X-Amz-Target` (`DynamoDB_20120810.PutItem`). */
const SERVICE_OF_TARGET: Record<string, string> = {
  DynamoDB_20120810: 'dynamodb',
  AWSCognitoIdentityProviderService: 'cognito-idp',
};

function operationOf(request: ClientRequest): string {
  const target = request.getHeader('x-amz-target');
  if (typeof target === 'string') {
    const [prefix = '', operation = ''] = target.split('.');
    return `${SERVICE_OF_TARGET[prefix] ?? prefix}.${operation}`;
  }
  return `${request.method} ${request.path.split('?')[0]}`;
}

/** Starts recording; `take()` returns the calls since the last `take()` and starts afresh. */
export function recordAwsCalls() {
  const open = new Map<ClientRequest, TimedCall>();
  let calls: TimedCall[] = [];
  const started = ({ request }: { request: ClientRequest }) => {
    const call = { operation: operationOf(request), startMs: performance.now(), endMs: Number.NaN };
    open.set(request, call);
    calls.push(call);
  };
  const answered = ({ request }: { request: ClientRequest }) => {
    const call = open.get(request);
    if (call) call.endMs = performance.now();
    open.delete(request);
  };
  dc.subscribe('http.client.request.start', started as (message: unknown) => void);
  dc.subscribe('http.client.response.finish', answered as (message: unknown) => void);
  return {
    take(): TimedCall[] {
      const taken = calls;
      calls = [];
      return taken;
    },
    stop(): void {
      dc.unsubscribe('http.client.request.start', started as (message: unknown) => void);
      dc.unsubscribe('http.client.response.finish', answered as (message: unknown) => void);
    },
  };
}
