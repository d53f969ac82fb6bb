import type { Command } from 'commander';
import { documentClient } from '../../functions/aws/clients.js';
import { DynamoGovernanceStore } from '../../functions/aws/dynamo-governance-store.js';
import { DynamoSignInStore } from '../../functions/aws/dynamo-sign-in-store.js';
import { RESOURCE_ENV } from '../../functions/core/resources.js';
import { CliError } from '../exit-codes.js';

interface AuditOptions {
  user: string;
  pool: string;
  table?: string;
  json?: boolean;
}

/** One person's trail: changes Warden made to the account, and every sign-in decision. */
export function registerAudit(program: Command): void {
  program
    .command('audit')
    .description(
      "a user's audit trail from the governance table: account changes and sign-in decisions",
    )
    .requiredOption('--user <username>', 'the Cognito username')
    .requiredOption('--pool <userPoolId>', 'the user pool')
    .option('--table <name>', `governance table (default: $${RESOURCE_ENV.table})`)
    .option('--json', 'print one JSON object')
    .action(async (options: AuditOptions) => {
      const table = options.table ?? process.env[RESOURCE_ENV.table];
      if (!table)
        throw new CliError(`name the governance table with --table or $${RESOURCE_ENV.table}`);
      const db = documentClient();
      const [changes, signIns] = await Promise.all([
        new DynamoGovernanceStore(db, table).listAudit(options.pool, options.user),
        new DynamoSignInStore(db, table).listDecisions(options.pool, options.user),
      ]);
      if (options.json) {
        console.log(JSON.stringify({ user: options.user, pool: options.pool, changes, signIns }));
        return;
      }
      console.log(`${options.user} in ${options.pool}`);
      console.log(`account changes (${changes.length}):`);
      for (const c of changes)
        console.log(`  ${c.at.toISOString()} ${c.kind} (run ${c.runId}): ${c.reason}`);
      console.log(`sign-in decisions (${signIns.length}):`);
      for (const d of signIns) {
        console.log(
          `  ${d.at.toISOString()} ${d.outcome.padEnd(16)} ${d.country ?? '--'} ${d.rule}: ${d.reason}`,
        );
      }
    });
}
