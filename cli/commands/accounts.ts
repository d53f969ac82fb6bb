import type { Command } from 'commander';
import { restoreAccount } from '../../functions/core/review/restore-account.js';
import { formatRestore } from '../print-review.js';
import { asCliErrors } from '../review-errors.js';
import { addReviewTarget, openReview, type TargetOptions } from '../review-target.js';

interface RestoreOptions extends TargetOptions {
  reason?: string;
  overrideReason?: string;
}

/** `warden accounts restore`: re-enable an account Warden disabled. */
export function registerAccounts(program: Command): Command {
  const accounts = program.command('accounts').description('accounts Warden governs');
  addReviewTarget(
    accounts
      .command('restore')
      .description(
        'enable an account Warden disabled; refused for an offboarded person or a current leaver unless an override reason is given',
      ),
  )
    .argument('<pool>', 'the user pool id')
    .argument('<username>', 'the username')
    .option('--reason <text>', 'why (required): audited with your identity')
    .option(
      '--override-reason <text>',
      "restore an offboarded person or a current leaver anyway (admins only): why; lifts the person's access ends",
    )
    .action((pool: string, username: string, options: RestoreOptions) =>
      asCliErrors(async () => {
        const target = await openReview(options, { pools: true });
        const result = await restoreAccount(
          {
            source: pool,
            username,
            reason: options.reason ?? '',
            ...(options.overrideReason !== undefined
              ? { overrideReason: options.overrideReason }
              : {}),
            actor: await target.actor(),
          },
          target.services,
        );
        console.log(options.json ? JSON.stringify(result) : formatRestore(result));
      }),
    );
  return accounts;
}
