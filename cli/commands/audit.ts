import type { Command } from 'commander';
import { documentClient } from '../../functions/aws/clients/dynamodb.js';
import { DynamoAuditLog } from '../../functions/aws/dynamo/audit-log.js';
import { GovernanceTable } from '../../functions/aws/dynamo/governance-table.js';
import { DynamoSignInLog } from '../../functions/aws/dynamo/sign-in-log.js';
import { ENV } from '../../functions/core/shared/environment.js';
import { CliError } from '../exit-codes.js';

interface AuditOptions {
  user?: string;
  pool?: string;
  table?: string;
  json?: boolean;
}

/**
 * One person's trail: changes Warden made to the account, and every sign-in decision. Returns the
 * command, so subcommands (`audit verify`) can be registered on it.
 */
export function registerAudit(program: Command): Command {
  return (
    program
      .command('audit')
      .description(
        "a user's audit trail from the governance table: account changes and sign-in decisions",
      )
      // Checked in the action, not by commander, so that `audit verify` needs neither.
      .option('--user <username>', 'the Cognito username (required)')
      .option('--pool <userPoolId>', 'the user pool (required)')
      .option('--table <name>', `governance table (default: $${ENV.table})`)
      .option('--json', 'print one JSON object')
      .action(async ({ user, pool, ...options }: AuditOptions) => {
        if (!user || !pool) throw new CliError('name the account with --user USERNAME --pool POOL');
        const table = options.table ?? process.env[ENV.table];
        if (!table) throw new CliError(`name the governance table with --table or $${ENV.table}`);
        const governance = new GovernanceTable(documentClient(), table);
        const [changes, signIns] = await Promise.all([
          new DynamoAuditLog(governance).listAudit(pool, user),
          new DynamoSignInLog(governance).listDecisions(pool, user),
        ]);
        if (options.json) {
          console.log(JSON.stringify({ user, pool, changes, signIns }));
          return;
        }
        console.log(`${user} in ${pool}`);
        console.log(`account changes (${changes.length}):`);
        for (const c of changes)
          console.log(`  ${c.at.toISOString()} ${c.kind} (run ${c.runId}): ${c.reason}`);
        console.log(`sign-in decisions (${signIns.length}):`);
        for (const d of signIns) {
          console.log(
            `  ${d.at.toISOString()} ${d.outcome.padEnd(16)} ${d.country ?? '--'} ${d.rule}: ${d.reason}`,
          );
        }
      })
  );
}
