import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands.js';
import { CliError, EXIT } from './exit-codes.js';

const program = new Command('warden')
  .description('Warden: make access end when employment ends')
  .exitOverride()
  .showHelpAfterError()
  // `warden offboard status ID --local`: each subcommand reads its own options.
  .enablePositionalOptions();
await registerCommands(program, process.argv[2]);

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
