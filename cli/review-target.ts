import { userInfo } from 'node:os';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { Command } from 'commander';
import { documentClient } from '../functions/aws/clients/dynamodb.js';
import { lambdaClient } from '../functions/aws/clients/lambda.js';
import { s3Client } from '../functions/aws/clients/s3.js';
import { stsClient } from '../functions/aws/clients/sts.js';
import { GovernanceTable } from '../functions/aws/dynamo/governance-table.js';
import { LambdaQuarantineDecisions } from '../functions/aws/lambda-quarantine-decisions.js';
import { type ReviewServices, reviewServices } from '../functions/aws/review-services.js';
import { systemClock } from '../functions/aws/system.js';
import {
  parseReconcileConfig,
  type ReconcileConfig,
} from '../functions/core/config/reconcile-config.js';
import type { QuarantineDecisions } from '../functions/core/review/ports.js';
import { ENV } from '../functions/core/shared/environment.js';
import { localQuarantineDecisions } from '../local/local-review.js';
import { connectToLocal } from '../local/local-up.js';
import { CliError, EXIT } from './exit-codes.js';

/** Where the admin commands act: a deployed stack (names from options, environment or its outputs), or the local AWS. */
export interface TargetOptions {
  json?: boolean;
  local?: boolean;
  stack: string;
  table?: string;
  function?: string;
}

export function addReviewTarget(command: Command): Command {
  return command
    .option('--json', 'print JSON')
    .option('--local', 'use the local AWS started by `warden local up`')
    .option('--stack <name>', 'the deployed stack whose resources to use', 'Warden')
    .option('--table <name>', `governance table (default: $${ENV.table}, else the stack's output)`)
    .option(
      '--function <name>',
      `reconcile function (default: $${ENV.reconcileFunction}, else the stack's output)`,
    );
}

export interface ReviewTarget {
  services: ReviewServices;
  /** The caller: their IAM ARN against AWS, a local identity with `--local`. */
  actor(): Promise<string>;
}

/** The stack outputs the CLI finds resources by (see infra/warden-stack.ts). */
const OUTPUTS = { table: 'GovernanceTableName', function: 'ReconcileFunctionName' } as const;

/**
 * The review services of the target. `pools`: the command needs the governed user pools (a restore,
 * a person), which come from the deployment's configuration; `decisions`: it approves or rejects.
 * Both need the reconcile function; reading runs and reports needs only the table.
 */
export async function openReview(
  options: TargetOptions,
  needs: { pools?: boolean; decisions?: boolean } = {},
): Promise<ReviewTarget> {
  if (options.local) return openLocal();
  const names = await deployedNames(options, Boolean(needs.pools || needs.decisions));
  const lambda = lambdaClient();
  const decisions: QuarantineDecisions = names.function
    ? new LambdaQuarantineDecisions(lambda, names.function)
    : NO_DECISIONS;
  const config =
    needs.pools && names.function ? await deployedConfig(lambda, names.function) : undefined;
  return {
    services: reviewServices({
      table: new GovernanceTable(documentClient(), names.table),
      s3: s3Client(),
      accountSources: config?.accountSources ?? [],
      decisions,
      clock: systemClock,
    }),
    async actor() {
      const { Arn } = await stsClient().send(new GetCallerIdentityCommand({}));
      if (!Arn) throw new CliError('AWS did not say who you are (GetCallerIdentity)', EXIT.failure);
      return Arn;
    },
  };
}

/**
 * Only the governance table (`warden audit --user`, `warden audit verify`): the local one, or the
 * deployed one found as the other review commands find it.
 */
export async function openTable(
  options: Pick<TargetOptions, 'local' | 'stack' | 'table'>,
): Promise<GovernanceTable> {
  if (options.local) {
    const { instance } = await localInstance();
    return new GovernanceTable(documentClient(), instance.resources.table);
  }
  const { table } = await deployedNames(options, false);
  return new GovernanceTable(documentClient(), table);
}

async function localInstance(): Promise<Awaited<ReturnType<typeof connectToLocal>>> {
  try {
    return await connectToLocal();
  } catch (error) {
    throw new CliError((error as Error).message, EXIT.failure);
  }
}

async function openLocal(): Promise<ReviewTarget> {
  const { instance, warden } = await localInstance();
  const config = parseReconcileConfig(instance.config, 'the local configuration');
  return {
    services: reviewServices({
      table: new GovernanceTable(documentClient(), instance.resources.table),
      s3: s3Client(),
      accountSources: config.accountSources,
      decisions: localQuarantineDecisions(warden, instance.config),
      clock: systemClock,
    }),
    actor: () => Promise.resolve(`local:${userInfo().username}`),
  };
}

/**
 * Names given as options win; then the environment; then the stack's outputs. Reports are read
 * where each run's record says they are.
 */
async function deployedNames(
  options: Pick<TargetOptions, 'stack' | 'table' | 'function'>,
  needsFunction: boolean,
): Promise<{ table: string; function?: string }> {
  const given = {
    table: options.table ?? process.env[ENV.table],
    function: options.function ?? process.env[ENV.reconcileFunction],
  };
  if (given.table && (given.function || !needsFunction))
    return { table: given.table, ...(given.function ? { function: given.function } : {}) };
  let outputs: Record<string, string>;
  try {
    const { Stacks = [] } = await new CloudFormationClient({}).send(
      new DescribeStacksCommand({ StackName: options.stack }),
    );
    outputs = Object.fromEntries(
      (Stacks[0]?.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']),
    );
  } catch (error) {
    throw new CliError(
      `cannot read the outputs of stack ${options.stack} (${(error as Error).name}): name the resources with --table and --function, or use --local`,
      EXIT.failure,
    );
  }
  const missing = (key: keyof typeof OUTPUTS) =>
    new CliError(`stack ${options.stack} has no ${OUTPUTS[key]} output`, EXIT.failure);
  const table = given.table ?? outputs[OUTPUTS.table];
  if (!table) throw missing('table');
  const fn = given.function ?? outputs[OUTPUTS.function];
  // Reading runs and reports needs only the table.
  if (!fn && needsFunction) throw missing('function');
  return { table, ...(fn ? { function: fn } : {}) };
}

/** Commands that only read never decide; a decision without a reconcile function is a bug. */
const NO_DECISIONS: QuarantineDecisions = {
  approve: () => Promise.reject(new CliError('no reconcile function named', EXIT.failure)),
  reject: () => Promise.reject(new CliError('no reconcile function named', EXIT.failure)),
};

/** The deployment's configuration, as the reconcile function runs with it. */
async function deployedConfig(
  lambda: ReturnType<typeof lambdaClient>,
  functionName: string,
): Promise<ReconcileConfig> {
  const { Environment } = await lambda.send(
    new GetFunctionConfigurationCommand({ FunctionName: functionName }),
  );
  const text = Environment?.Variables?.[ENV.config];
  if (!text) return parseReconcileConfig({}, `${functionName} ${ENV.config}`);
  try {
    return parseReconcileConfig(JSON.parse(text), `${functionName} ${ENV.config}`);
  } catch (error) {
    if (error instanceof SyntaxError)
      throw new CliError(`${functionName}: ${ENV.config} is not valid JSON`, EXIT.failure);
    throw error;
  }
}
