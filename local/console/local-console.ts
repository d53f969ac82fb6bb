import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DeleteParameterCommand, PutParameterCommand } from '@aws-sdk/client-ssm';
import { buildConsole } from '../../console/build.js';
import { ssmClient } from '../../functions/aws/clients/ssm.js';
import { createConsoleApiHandler } from '../../functions/console-api/create-handler.js';
import { consoleApiDependencies } from '../../functions/console-api/dependencies.js';
import type { QuarantineDecisions } from '../../functions/core/review/ports.js';
import type { Clock } from '../../functions/core/shared/clock.js';
import { consoleEnvironment, type LocalResources, localConsoleUrlParameter } from '../provision.js';
import { type ConsoleServer, startConsoleServer } from './server.js';
import type { LocalStaffPool } from './staff-pool.js';

export interface LocalConsole extends ConsoleServer {
  staff: LocalStaffPool;
}

/**
 * The console on the local AWS: built with esbuild, served on a loopback port, its API the real
 * console API handler with the functions' environment for these resources; time from `clock`.
 */
export async function startLocalConsole(options: {
  endpoint: string;
  resources: LocalResources;
  config: unknown;
  staff: LocalStaffPool;
  port?: number;
  clock?: Clock;
  /** Approvals and rejections: the reconcile handler run in this process (no Lambda locally). */
  decisions: QuarantineDecisions;
}): Promise<LocalConsole> {
  const assetsDir = buildConsole(mkdtempSync(join(tmpdir(), 'warden-console-')));
  const handler = createConsoleApiHandler(() => {
    Object.assign(process.env, consoleEnvironment(options.resources, options.config));
    return consoleApiDependencies({ clock: options.clock, decisions: options.decisions });
  });
  const server = await startConsoleServer({
    assetsDir,
    staff: options.staff,
    endpoint: options.endpoint,
    cognito: new CognitoIdentityProviderClient({}),
    api: handler,
    port: options.port,
  });
  const ssm = ssmClient();
  const parameter = localConsoleUrlParameter(options.resources);
  await ssm.send(
    new PutParameterCommand({
      Name: parameter,
      Value: `${server.url}/`,
      Type: 'String',
      Overwrite: true,
    }),
  );
  return {
    ...server,
    staff: options.staff,
    close: async () => {
      await ssm
        .send(new DeleteParameterCommand({ Name: parameter }))
        // The local AWS may already be down, and its parameters with it.
        .catch(() => undefined);
      await server.close();
      rmSync(assetsDir, { recursive: true, force: true });
    },
  };
}
