import type { CognitoUser } from '../functions/aws/cognito-user.js';
import { readListUsersExport } from '../functions/aws/list-users-export.js';
import { CliError } from './exit-codes.js';
import { readJson } from './feed-input.js';

/**
 * Users from a `list-users` file. An incomplete export (its last page still has a pagination
 * token) is refused unless `allowPartial`; then `incomplete` says why, for the report.
 */
export function loadAccountsFile(
  file: string,
  pool: string,
  allowPartial: boolean,
): { users: CognitoUser[]; incomplete?: string } {
  const read = readListUsersExport(readJson(file, 'accounts file'), pool);
  if (!read.ok) throw new CliError(`${file}: ${read.problem}`);
  if (read.incomplete && !allowPartial) {
    throw new CliError(
      `${file}: the export is incomplete: ${read.incomplete}. Export every page (the AWS CLI fetches every page unless --max-items or --no-paginate stop it), or pass --allow-partial to plan anyway without deciding orphans`,
    );
  }
  return { users: read.users, incomplete: read.incomplete };
}
