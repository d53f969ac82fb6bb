import type { Command } from 'commander';
import { resolveMoment } from '../../functions/core/time/moment.js';
import { readInstance, stopInstance } from '../../local/background-emulator.js';
import { fireDueSchedules } from '../../local/local-offboarding.js';
import { connectToLocal, localUp } from '../../local/local-up.js';
import { CliError, EXIT } from '../exit-codes.js';

/** `warden local up|status|down|fire`: the embedded local AWS, kept running between commands. */
export function registerLocal(program: Command): void {
  const local = program
    .command('local')
    .description('the embedded local AWS, kept running between commands');
  local
    .command('up')
    .description(
      'start it in the background, provision Warden, seed the sample press office, run one reconciliation',
    )
    .action(async () => {
      const step = (message: string) => console.log(`\u25b8 ${message}`);
      const { instance, run, reused } = await localUp(step);
      if (run)
        step(
          `reconciliation ${run.runId}: ${run.status}, ${run.actions.applied} leaver(s) disabled`,
        );
      console.log(
        `local AWS ${reused ? 'already ' : ''}listening on ${instance.endpoint} (pid ${instance.pid})`,
      );
      console.log(
        `  governance table ${instance.resources.table}; user pools ${[instance.resources.userPoolId, ...instance.extraPools].join(', ')}`,
      );
      console.log('  try: npx warden offboard E10001 --reason "left" --local');
    });
  local
    .command('status')
    .description('whether it is running, and where')
    .action(() => {
      const instance = readInstance();
      if (!instance) {
        console.log('the local AWS is not running (start it with `warden local up`)');
        process.exitCode = EXIT.failure;
        return;
      }
      console.log(
        `running on ${instance.endpoint} (pid ${instance.pid}) since ${instance.startedAt}`,
      );
      console.log(
        `  governance table ${instance.resources.table}; user pools ${[instance.resources.userPoolId, ...instance.extraPools].join(', ')}`,
      );
    });
  local
    .command('down')
    .description('stop it')
    .action(() => {
      console.log(stopInstance() ? 'stopped the local AWS' : 'the local AWS was not running');
    });
  local
    .command('fire')
    .description('fire the offboarding schedules due at a moment (the emulator never fires them)')
    .option('--at <moment>', 'the moment to fire as of (default: now)')
    .action(async (options: { at?: string }) => {
      const at = options.at === undefined ? new Date() : resolveMoment(options.at, 'UTC');
      if (!at) throw new CliError(`--at ${options.at}: not a date or a date-time with offset`);
      const { instance } = await connectToLocal().catch((error: Error) => {
        throw new CliError(error.message, EXIT.failure);
      });
      const fired = await fireDueSchedules(instance.resources, instance.config, { now: () => at });
      console.log(`${fired.length} schedule(s) due at ${at.toISOString()}`);
      for (const f of fired)
        console.log(`  ${f.name}: ${f.result?.status ?? `failed (${f.error})`}`);
    });
}
