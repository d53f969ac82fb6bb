import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { CONSOLE_FILES } from '../../console/build.js';
import {
  contentSecurityPolicy,
  SECURITY_HEADERS,
} from '../../functions/core/console/security-headers.js';
import { authoriserClaims, consoleApiEvent } from './api-gateway-event.js';
import { LOCAL_LOGIN, LocalLogin, type LoginAnswer } from './local-login.js';
import type { LocalStaffPool } from './staff-pool.js';
import { localTokenVerifier } from './token-verifier.js';

export interface ConsoleServerOptions {
  /** The built console (`buildConsole`). */
  assetsDir: string;
  staff: LocalStaffPool;
  /** The local AWS, whose staff pool issues and publishes the keys of the tokens. */
  endpoint: string;
  cognito: CognitoIdentityProviderClient;
  /** The console API's handler: the same code the stack deploys behind API Gateway. */
  api: (event: unknown) => Promise<APIGatewayProxyResult>;
  /** A loopback port; 0 picks a free one. */
  port?: number;
}

export interface ConsoleServer {
  url: string;
  close(): Promise<void>;
}

const MAX_BODY = 1_000_000;
const TYPES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
  'favicon.svg': 'image/svg+xml',
};

/**
 * The console on the loopback address, as CloudFront and API Gateway serve it in AWS: the static
 * files with the same security headers, `/api/*` through the real console API handler after the
 * staff token is verified as the Cognito authoriser would, and a local stand-in for managed login.
 */
export async function startConsoleServer(options: ConsoleServerOptions): Promise<ConsoleServer> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const verify = await localTokenVerifier(
    options.endpoint,
    options.staff.userPoolId,
    options.staff.clientId,
  );
  const login = new LocalLogin(options.cognito, options.staff.clientId, url);
  const files = new Map<string, Buffer>(
    CONSOLE_FILES.map((name) => [name, readFileSync(join(options.assetsDir, name))]),
  );
  const config = JSON.stringify({
    clientId: options.staff.clientId,
    authorizeUrl: `${url}${LOCAL_LOGIN.authorize}`,
    tokenUrl: `${url}${LOCAL_LOGIN.token}`,
    logoutUrl: `${url}${LOCAL_LOGIN.logout}`,
    environment: 'local',
  });

  const serveApi = async (request: IncomingMessage, path: string, body: string) => {
    const token = (request.headers.authorization ?? '').replace(/^Bearer /i, '');
    let claims: Record<string, string>;
    try {
      claims = authoriserClaims(await verify(token));
    } catch {
      return json(401, { message: 'Unauthorized' });
    }
    const event = consoleApiEvent(
      {
        method: request.method ?? 'GET',
        path,
        query: Object.fromEntries(new URL(request.url ?? '/', url).searchParams),
        headers: flatHeaders(request),
        body: body || null,
      },
      claims,
    );
    // API Gateway's own answer for a path or method no resource has.
    if (!event) return json(403, { message: 'Missing Authentication Token' });
    const result = await options.api(event);
    return {
      status: result.statusCode,
      headers: (result.headers ?? {}) as Record<string, string>,
      body: String(result.body),
    };
  };

  const route = (request: IncomingMessage, body: string): LoginAnswer | Promise<LoginAnswer> => {
    const { pathname, searchParams } = new URL(request.url ?? '/', url);
    const method = request.method ?? 'GET';
    const form = () => new URLSearchParams(body);
    if (pathname.startsWith('/api/')) return serveApi(request, pathname, body);
    if (method === 'GET' && pathname === LOCAL_LOGIN.authorize)
      return login.authorize(searchParams);
    if (method === 'POST' && pathname === LOCAL_LOGIN.password) return login.password(form());
    if (method === 'POST' && pathname === LOCAL_LOGIN.code) return login.code(form());
    if (method === 'POST' && pathname === LOCAL_LOGIN.token) return login.token(form());
    if (method === 'GET' && pathname === LOCAL_LOGIN.logout) return login.logout(searchParams);
    if (method === 'GET' && pathname === '/config.json')
      return { status: 200, headers: { 'content-type': 'application/json' }, body: config };
    const name = pathname === '/' ? 'index.html' : pathname.slice(1);
    const file = files.get(name);
    if (method === 'GET' && file)
      return {
        status: 200,
        headers: { 'content-type': TYPES[name] as string },
        body: file.toString(),
      };
    return json(404, { message: 'Not Found' });
  };

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    readBody(request)
      .then(async (body) => await route(request, body))
      .catch((error: Error) =>
        json(error.message === 'too large' ? 413 : 500, { message: 'the request failed' }),
      )
      .then((answer) => {
        response.writeHead(answer.status, {
          ...SECURITY_HEADERS,
          'content-security-policy': contentSecurityPolicy(),
          ...answer.headers,
        });
        response.end(answer.body);
      });
  });
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function json(status: number, body: unknown): LoginAnswer {
  return {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
    body: JSON.stringify(body),
  };
}

function flatHeaders(request: IncomingMessage): Record<string, string> {
  return Object.fromEntries(
    Object.entries(request.headers).flatMap(([k, v]) =>
      typeof v === 'string' ? [[k, v]] : Array.isArray(v) ? [[k, v.join(',')]] : [],
    ),
  );
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('too large'));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
