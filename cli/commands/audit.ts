import type { Command } from 'commander';
import { DynamoAuditLog } from '../../functions/aws/dynamo/audit-log.js';
import { DynamoSignInLog } from '../../functions/aws/dynamo/sign-in-log.js';
import { findPerson } from '../../functions/core/review/find-person.js';
import { CliError } from '../exit-codes.js';
import { formatPerson } from '../print-review.js';
import { asCliErrors } from '../review-errors.js';
import { addReviewTarget, openReview, openTable, type TargetOptions } from '../review-target.js';

interface AuditOptions extends TargetOptions {
  user?: string;
  pool?: string;
  employeeId?: string;
}

/**
 * `warden audit`: one account's trail (changes Warden made, sign-in decisions), or a person's by
 * employee id across every governed pool. Returns the command, so subcommands can be added.
 */
export function registerAudit(program: Command): Command {
  return addReviewTarget(
    program
      .command('audit')
      .description(
        'an audit trail from the governance table: account changes and sign-in decisions, of one account (--user, --pool) or of a person (--employee-id)',
      ),
  )
    .option('--user <username>', 'the Cognito username (with --pool)')
    .option('--pool <userPoolId>', 'the user pool (with --user)')
    .option('--employee-id <id>', "the person's HR employee id: every account linked to it")
    .action((options: AuditOptions) =>
      asCliErrors(async () => {
        if (options.employeeId !== undefined) {
          if (options.user || options.pool)
            throw new CliError('give --employee-id, or --user with --pool, not both');
          await personTrail(options.employeeId, options);
          return;
        }
        if (!options.user || !options.pool)
          throw new CliError(
            'name the account with --user and --pool, or the person with --employee-id',
          );
        await accountTrail(options.user, options.pool, options);
      }),
    );
}

async function accountTrail(user: string, pool: string, options: AuditOptions): Promise<void> {
  const governance = await openTable(options);
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
    console.log(
      `  ${c.at.toISOString()} ${c.kind} (run ${c.runId})${c.actor ? ` by ${c.actor}` : ''}: ${c.reason}`,
    );
  console.log(`sign-in decisions (${signIns.length}):`);
  for (const d of signIns) {
    console.log(
      `  ${d.at.toISOString()} ${d.outcome.padEnd(16)} ${d.country ?? '--'} ${d.rule}: ${d.reason}`,
    );
  }
}

async function personTrail(employeeId: string, options: AuditOptions): Promise<void> {
  const { services } = await openReview(options, { pools: true });
  const person = await findPerson({ query: employeeId, by: 'employeeId' }, services);
  console.log(options.json ? JSON.stringify(person) : formatPerson(person));
}
