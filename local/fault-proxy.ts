import { randomUUID } from 'node:crypto';
import {
  createServer,
  request as forwardRequest,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { seededRandom } from './seeded-random.js';

// An HTTP proxy between the AWS SDK clients (AWS_ENDPOINT_URL pointed at it) and the local AWS,
// which injects the faults of a real AWS at configurable rates: throttling, in each service's own
// error shape; 5xx answers; connections reset before or after the request reached AWS; slow
// answers. A seeded random source makes a run's faults reproducible.

export const FAULT_KINDS = ['throttle', 'serverError', 'reset', 'resetAfter', 'slow'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The chance of each fault per request; their sum is at most 1. */
export type FaultRates = Partial<Record<FaultKind, number>>;

/** What the proxy knows of a request when it decides. */
export interface ProxiedRequest {
  /** 1-based, in arrival order. */
  index: number;
  /** The signing name: `cognito-idp`, `dynamodb`, `s3`, `sns`, `scheduler`, ... */
  service: string;
  /** The API operation where the request names it (JSON and query protocols), else the method. */
  operation: string;
}

export interface FaultProxyOptions {
  /** The local AWS endpoint requests go on to. */
  target: string;
  rates?: FaultRates;
  seed?: number;
  /** How long a slow answer is held back. */
  slowMs?: number;
  /**
   * Forward one request at a time. The emulator does not isolate concurrent DynamoDB transactions
   * (it copies the table and restores the copy on a failed condition); AWS does.
   */
  serial?: boolean;
  /** Decides instead of the random source (a crash harness fails one chosen request). */
  decide?: (request: ProxiedRequest) => FaultKind | undefined;
  /** Hears each fault as it takes effect (before the connection is reset). */
  onFault?: (request: ProxiedRequest, fault: FaultKind) => void;
}

export interface FaultProxyStats {
  requests: number;
  injected: Record<FaultKind, number>;
  /** Requests per `service.operation`, faulted or not. */
  operations: Record<string, number>;
}

export interface FaultProxy {
  endpoint: string;
  stats: FaultProxyStats;
  setRates(rates: FaultRates): void;
  /** From now on, reset every connection without forwarding anything: the process is gone. */
  sever(): void;
  close(): Promise<void>;
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const random = seededRandom(options.seed ?? 1);
  let rates: FaultRates = { ...options.rates };
  let severed = false;
  let queue: Promise<unknown> = Promise.resolve();
  const sockets = new Set<Socket>();
  const stats: FaultProxyStats = {
    requests: 0,
    injected: Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>,
    operations: {},
  };
  const target = new URL(options.target);

  const decideRandomly = (): FaultKind | undefined => {
    let r = random();
    for (const kind of FAULT_KINDS) {
      r -= rates[kind] ?? 0;
      if (r < 0) return kind;
    }
    return undefined;
  };

  async function handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    if (severed) {
      req.socket.destroy();
      return;
    }
    const info = describe(req, body, ++stats.requests);
    const op = `${info.service}.${info.operation}`;
    stats.operations[op] = (stats.operations[op] ?? 0) + 1;
    const fault = options.decide ? options.decide(info) : decideRandomly();
    if (fault) stats.injected[fault]++;
    const faultNow = () => {
      if (fault) options.onFault?.(info, fault);
    };
    if (fault === 'reset') {
      faultNow();
      req.socket.destroy();
      return;
    }
    if (fault === 'throttle' || fault === 'serverError') {
      faultNow();
      const error = errorAnswer(info.service, protocolOf(req), fault, random);
      res.writeHead(error.status, error.headers).end(error.body);
      return;
    }
    if (fault === 'slow') await new Promise((r) => setTimeout(r, options.slowMs ?? 300));
    const answer = await forward(target, req, body);
    if (fault === 'resetAfter') {
      faultNow();
      req.socket.destroy();
      return;
    }
    if (fault === 'slow') faultNow();
    res.writeHead(answer.status, answer.headers).end(answer.body);
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const run = () =>
        handle(req, res, Buffer.concat(chunks)).catch(() => {
          req.socket.destroy();
        });
      if (options.serial) queue = queue.then(run);
      else void run();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stats,
    setRates: (next) => {
      rates = { ...next };
    },
    sever: () => {
      severed = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

interface Answer {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer | string;
}

function forward(target: URL, req: IncomingMessage, body: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const upstream = forwardRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const headers: Record<string, string | string[]> = {};
          for (const [name, value] of Object.entries(response.headers)) {
            if (value !== undefined && name !== 'transfer-encoding') headers[name] = value;
          }
          const all = Buffer.concat(chunks);
          headers['content-length'] = String(all.length);
          resolve({ status: response.statusCode ?? 502, headers, body: all });
        });
        response.on('error', reject);
      },
    );
    upstream.on('error', reject);
    upstream.end(body);
  });
}

type Protocol = 'json' | 'query' | 'rest-xml' | 'rest-json';

function protocolOf(req: IncomingMessage): Protocol {
  const type = String(req.headers['content-type'] ?? '');
  if (req.headers['x-amz-target']) return 'json';
  if (type.startsWith('application/x-www-form-urlencoded')) return 'query';
  return serviceOf(req) === 's3' ? 'rest-xml' : 'rest-json';
}

function serviceOf(req: IncomingMessage): string {
  const credential = /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(
    String(req.headers.authorization ?? ''),
  );
  return credential?.[1] ?? 'unknown';
}

function describe(req: IncomingMessage, body: Buffer, index: number): ProxiedRequest {
  const target = req.headers['x-amz-target'];
  const action = protocolOf(req) === 'query' ? /(?:^|&)Action=([^&]+)/.exec(String(body)) : null;
  const operation =
    typeof target === 'string'
      ? target.slice(target.indexOf('.') + 1)
      : (action?.[1] ?? String(req.method));
  return { index, service: serviceOf(req), operation };
}

/** The answer AWS gives when it throttles or fails, in the service's protocol. */
function errorAnswer(
  service: string,
  protocol: Protocol,
  fault: 'throttle' | 'serverError',
  random: () => number,
): Answer {
  const requestId = randomUUID();
  const throttle = fault === 'throttle';
  if (protocol === 'json') {
    const type = throttle
      ? service === 'cognito-idp'
        ? 'TooManyRequestsException'
        : service === 'dynamodb' && random() < 0.5
          ? 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException'
          : 'com.amazon.coral.availability#ThrottlingException'
      : service === 'cognito-idp'
        ? 'InternalErrorException'
        : 'com.amazonaws.dynamodb.v20120810#InternalServerError';
    const code = type.slice(type.indexOf('#') + 1);
    return {
      status: throttle ? 400 : 500,
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amzn-errortype': `${code}:`,
        'x-amzn-requestid': requestId,
      },
      body: JSON.stringify({
        __type: type,
        message: throttle ? 'Rate exceeded' : 'Internal error',
      }),
    };
  }
  if (protocol === 'query') {
    const [status, code] = throttle
      ? service === 'sns'
        ? [429, 'Throttled']
        : [400, 'Throttling']
      : [500, 'InternalError'];
    return {
      status,
      headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
      body: `<ErrorResponse><Error><Type>${throttle ? 'Sender' : 'Receiver'}</Type><Code>${code}</Code><Message>${throttle ? 'Rate exceeded' : 'Internal error'}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
    };
  }
  if (protocol === 'rest-xml') {
    const [status, code, message] = throttle
      ? [503, 'SlowDown', 'Please reduce your request rate.']
      : [500, 'InternalError', 'We encountered an internal error. Please try again.'];
    return {
      status,
      headers: { 'content-type': 'application/xml', 'x-amz-request-id': requestId },
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${requestId}</RequestId></Error>`,
    };
  }
  const code = throttle ? 'ThrottlingException' : 'InternalServerException';
  return {
    status: throttle ? 429 : 500,
    headers: {
      'content-type': 'application/json',
      'x-amzn-errortype': code,
      'x-amzn-requestid': requestId,
    },
    body: JSON.stringify({ message: throttle ? 'Rate exceeded' : 'Internal error' }),
  };
}
