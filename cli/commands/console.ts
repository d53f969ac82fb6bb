import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { Command } from 'commander';
import { saveInstance } from '../../local/background-emulator.js';
import { totpCode } from '../../local/console/authenticator-code.js';
import { startLocalConsole } from '../../local/console/local-console.js';
import { createLocalStaffPool } from '../../local/console/staff-pool.js';
import { localQuarantineDecisions } from '../../local/local-review.js';
import { connectToLocal, localUp } from '../../local/local-up.js';
import { CliError, EXIT } from '../exit-codes.js';
import { stackOutput } from '../offboarding-client.js';

/** The stack output that holds the deployed console's address. */
export const CONSOLE_URL_OUTPUT = 'ConsoleUrl';

interface ConsoleOptions {
  local?: boolean;
  stack: string;
  port?: string;
}

/** `warden console`: the deployed console's address, or the console served on the local AWS. */
export function registerConsole(program: Command): void {
  const command = program
    .command('console')
    .description('the web console for HR and IT admins: where it is, or served on the local AWS')
    .option('--local', 'serve it on a loopback port, on the local AWS (started if needed)')
    .option('--port <n>', 'the loopback port (default: a free one)')
    .option('--stack <name>', 'the deployed stack', 'Warden')
    .enablePositionalOptions()
    .action(async (options: ConsoleOptions) => {
      if (!options.local) {
        const url = await stackOutput(
          new CloudFormationClient({}),
          options.stack,
          CONSOLE_URL_OUTPUT,
          'deploy the current version of Warden',
        );
        console.log(url);
        return;
      }
      await serveLocally(options);
    });
  command
    .command('code')
    .description("the one-time code the local staff users' authenticator shows now")
    .action(async () => {
      const { instance } = await connectToLocal().catch((error: Error) => {
        throw new CliError(error.message, EXIT.failure);
      });
      if (!instance.staff)
        throw new CliError('no local staff pool yet: run `warden console --local`', EXIT.failure);
      console.log(totpCode(instance.staff.totpSecret));
    });
}

async function serveLocally(options: ConsoleOptions): Promise<void> {
  const port = options.port === undefined ? 0 : Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new CliError(`--port ${options.port}: must be a port number`);
  const step = (message: string) => console.log(`\u25b8 ${message}`);
  await localUp(step);
  const { instance, warden } = await connectToLocal();
  if (!instance.staff) {
    step('creating the staff pool: one staff member per role, each with an authenticator');
    instance.staff = await createLocalStaffPool(warden.cognito, 'warden-local');
    saveInstance(instance);
  }
  const served = await startLocalConsole({
    endpoint: instance.endpoint,
    resources: instance.resources,
    config: instance.config,
    staff: instance.staff,
    port,
    decisions: localQuarantineDecisions(warden, instance.config),
  });
  console.log(`\nWarden console (local): ${served.url}/`);
  console.log('\nSample sign-ins (password, then the authenticator code):');
  for (const user of instance.staff.users)
    console.log(`  ${user.role.padEnd(9)} ${user.username.padEnd(16)} ${user.password}`);
  console.log(
    `\nAuthenticator secret (every local staff user): ${instance.staff.totpSecret}` +
      '\n  add it to an authenticator app, or print the current code with `npx warden console code`',
  );
  console.log('\nCtrl-C stops the console; `npx warden local down` stops the local AWS.');
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const)
      process.once(signal, () => {
        served.close().then(resolve, resolve);
      });
  });
}
