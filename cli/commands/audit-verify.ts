import type { Command } from 'commander';
import { DynamoAuditLog } from '../../functions/aws/dynamo/audit-log.js';
import { type AuditVerification, verifyAudit } from '../../functions/core/audit/verify-audit.js';
import { ENV } from '../../functions/core/shared/environment.js';
import { EXIT } from '../exit-codes.js';
import { openTable } from '../review-target.js';

interface VerifyOptions {
  local?: boolean;
  stack: string;
  table?: string;
  json?: boolean;
}

/** How often a long verification says how far it got. */
const PROGRESS_EVERY = 500;

/** `warden audit verify`: walks every account's hash chain and reports each break. */
export function registerAuditVerify(audit: Command): void {
  audit
    .command('verify')
    .description(
      "walk every account's audit chain; report an edited, deleted or reordered entry and where it is (exit 4 when broken)",
    )
    .option('--local', 'use the local AWS started by `warden local up`')
    .option('--stack <name>', 'the deployed stack whose governance table to verify', 'Warden')
    .option('--table <name>', `governance table (default: $${ENV.table}, else the stack's output)`)
    .option('--json', 'print one JSON object')
    .action(async (options: VerifyOptions) => {
      const governance = await openTable(options);
      const result = await verifyAudit(new DynamoAuditLog(governance), (done, of) => {
        if (!options.json && done % PROGRESS_EVERY === 0)
          console.error(`verified ${done} of ${of} streams`);
      });
      if (options.json) console.log(JSON.stringify(result));
      else printVerification(governance.name, result);
      if (!result.ok) process.exitCode = EXIT.auditBroken;
    });
}

function printVerification(table: string, r: AuditVerification): void {
  const unchained =
    r.unchained > 0 ? ` (${r.unchained} written before chaining began, not verifiable)` : '';
  console.log(`${table}: ${r.streams} audit stream(s), ${r.entries} entries${unchained}`);
  if (r.ok) {
    console.log('every chain is intact');
    return;
  }
  console.log(`BROKEN: ${r.problems.length} problem(s)`);
  for (const p of r.problems) {
    const where = [
      `${p.source}/${p.username}`,
      p.position === null ? undefined : `position ${p.position}`,
      p.entryId === null ? undefined : `entry ${p.entryId}`,
    ]
      .filter(Boolean)
      .join(', ');
    console.log(`  ${p.kind.padEnd(9)} ${where}: ${p.detail}`);
  }
}
