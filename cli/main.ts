import { Command, CommanderError } from 'commander';
import { registerAccounts } from './commands/accounts.js';
import { registerAudit } from './commands/audit.js';
import { registerAuditVerify } from './commands/audit-verify.js';
import { registerConsole } from './commands/console.js';
import { registerDemo } from './commands/demo.js';
import { registerGeoCheck } from './commands/geo-check.js';
import { registerGeoSimulate } from './commands/geo-simulate.js';
import { registerHrPresets } from './commands/hr-presets.js';
import { registerHrValidate } from './commands/hr-validate.js';
import { registerLocal } from './commands/local.js';
import { registerOffboard } from './commands/offboard.js';
import { registerReconcile } from './commands/reconcile.js';
import { registerReport } from './commands/report.js';
import { registerRuns } from './commands/runs.js';
import { CliError, EXIT } from './exit-codes.js';

const program = new Command('warden')
  .description('Warden: make access end when employment ends')
  .exitOverride()
  .showHelpAfterError()
  // `warden offboard status ID --local`: each subcommand reads its own options.
  .enablePositionalOptions();
const hr = program.command('hr').description('work with HR feeds');
registerHrValidate(hr);
registerHrPresets(hr);
registerReconcile(program);
registerDemo(program);
registerAuditVerify(registerAudit(program));
registerRuns(program);
registerReport(program);
registerAccounts(program);
registerOffboard(program);
registerLocal(program);
registerConsole(program);
const geo = program.command('geo').description('geo-fenced sign-in: what-if checks');
registerGeoCheck(geo);
registerGeoSimulate(geo);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and version exit 0; usage mistakes are invalid input.
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.invalidInput;
  } else if (error instanceof CliError) {
    console.error(error.message);
    process.exitCode = error.exitCode;
  } else {
    console.error(`warden: ${(error as Error).message}`);
    process.exitCode = EXIT.failure;
  }
}
