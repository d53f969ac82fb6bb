// The quota simulator: a small HTTP proxy in front of the local AWS that enforces Cognito's
// per-category request rates, so that throughput is measured against the real ceiling. A
// request over its category's rate gets Cognito's own throttling answer; everything else
// (other Cognito operations, S3, DynamoDB, ...) passes through untouched.
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DEFAULT_COGNITO_QUOTAS,
  type QuotaCategory,
  quotaCategoryOf,
} from '../functions/core/shared/cognito-quotas.js';

const COGNITO_TARGET = 'AWSCognitoIdentityProviderService.';
const WINDOW_MS = 1000;

export interface CategoryCounts {
  accepted: number;
  throttled: number;
  /** When the first and the last accepted request arrived (ms, monotonic). */
  firstAt?: number;
  lastAt?: number;
}

export interface RunningQuotaSimulator {
  /** Point the SDK here (AWS_ENDPOINT_URL) instead of at the emulator. */
  endpoint: string;
  counts(): Partial<Record<QuotaCategory, CategoryCounts>>;
  /** Forgets the counts, to measure the next phase on its own. */
  reset(): void;
  stop(): Promise<void>;
}

/**
 * Starts the proxy on a free loopback port. A category admits at most its rate of requests in
 * any one-second window ("requests per second", read strictly); refused requests do not count.
 */
export async function startQuotaSimulator(
  target: string,
  quotas: Partial<Record<QuotaCategory, number>> = DEFAULT_COGNITO_QUOTAS,
  now: () => number = () => performance.now(),
): Promise<RunningQuotaSimulator> {
  const upstream = new URL(target);
  const admitted = new Map<QuotaCategory, number[]>();
  let counts: Partial<Record<QuotaCategory, CategoryCounts>> = {};

  const admit = (category: QuotaCategory): boolean => {
    const rate = quotas[category];
    const entry = counts[category] ?? { accepted: 0, throttled: 0 };
    counts[category] = entry;
    const at = now();
    if (rate !== undefined) {
      const window = admitted.get(category) ?? [];
      while (window.length > 0 && at - (window[0] as number) >= WINDOW_MS) window.shift();
      if (window.length >= rate) {
        entry.throttled++;
        return false;
      }
      window.push(at);
      admitted.set(category, window);
    }
    entry.accepted++;
    entry.firstAt ??= at;
    entry.lastAt = at;
    return true;
  };

  const server: Server = createServer((req, res) => {
    const operation = cognitoOperation(req);
    const category = operation ? quotaCategoryOf(operation) : undefined;
    if (category && !admit(category)) {
      req.resume();
      // Cognito's throttling error in the JSON 1.1 protocol: HTTP 400 and the error type.
      const body = JSON.stringify({
        __type: 'TooManyRequestsException',
        message: `Too many requests (quota simulator: ${category} is limited to ${quotas[category]} per second)`,
      });
      res.writeHead(400, {
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-errortype': 'TooManyRequestsException:',
        'x-amzn-requestid': `quota-simulator-${Date.now()}`,
        'content-length': Buffer.byteLength(body),
      });
      res.end(body);
      return;
    }
    const forwarded = httpRequest(
      {
        hostname: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forwarded.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(forwarded);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    counts: () => structuredClone(counts),
    reset: () => {
      counts = {};
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function cognitoOperation(req: IncomingMessage): string | undefined {
  const target = req.headers['x-amz-target'];
  return typeof target === 'string' && target.startsWith(COGNITO_TARGET)
    ? target.slice(COGNITO_TARGET.length)
    : undefined;
}
