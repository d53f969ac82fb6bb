import { isIP } from 'node:net';
import type { Command } from 'commander';
import { documentClient } from '../../functions/aws/clients/dynamodb.js';
import { GovernanceTable } from '../../functions/aws/dynamo/governance-table.js';
import { DynamoSignInLog } from '../../functions/aws/dynamo/sign-in-log.js';
import { DEFAULT_FEED_KEY } from '../../functions/core/shared/bucket-layout.js';
import { lastCodeSentTo, localGateway } from '../../local/local-gateway.js';
import { startLocalWarden } from '../../local/local-warden.js';
import { triggerEnvironment } from '../../local/provision.js';
import { sample, seedSampleGroups, usersFromListUsersJson } from '../../local/sample-world.js';
import { seedUsers, setPassword, uploadFeed } from '../../local/seed.js';
import { CliError } from '../exit-codes.js';
import { readJson, readText } from '../feed-input.js';
import { loadGeoPolicy, SAMPLE_GEO_POLICY } from './geo-check.js';

const PASSWORD = 'Simulated-Pa55word!';

interface SimulateOptions {
  user: string;
  ip: string;
  policy?: string;
}

export function registerGeoSimulate(geo: Command): void {
  geo
    .command('simulate')
    .description(
      'run a whole sign-in (gateway + Cognito triggers) on the embedded local AWS with the sample press office',
    )
    .requiredOption(
      '--user <username>',
      'a sample user, e.g. ricardo.salazar (left in 2023) or lucia.ortega',
    )
    .requiredOption('--ip <address>', 'the address the sign-in comes from, e.g. 88.1.1.1 (Spain)')
    .option('--policy <file>', 'geo policy JSON (default: the sample policy)')
    .action(async (options: SimulateOptions) => {
      if (isIP(options.ip) === 0)
        throw new CliError(`--ip ${options.ip}: not an IPv4 or IPv6 address`);
      const policy = loadGeoPolicy(options.policy ?? SAMPLE_GEO_POLICY);
      const users =
        usersFromListUsersJson(readJson(sample('accounts.json'), 'sample accounts')) ?? [];
      if (!users.some((u) => u.Username === options.user)) {
        throw new CliError(
          `--user ${options.user}: not a sample user (see local/samples/accounts.json)`,
        );
      }
      await simulate(options, policy, users);
    });
}

async function simulate(
  options: SimulateOptions,
  policy: unknown,
  users: NonNullable<ReturnType<typeof usersFromListUsersJson>>,
) {
  const step = (message: string) => console.log(`\u25b8 ${message}`);
  const warden = await startLocalWarden('warden-geo', step);
  try {
    const { resources } = warden;
    await seedUsers(warden.cognito, resources.userPoolId, users);
    await seedSampleGroups(warden.cognito, resources.userPoolId);
    await setPassword(warden.cognito, resources.userPoolId, options.user, PASSWORD);
    await uploadFeed(
      warden.s3,
      resources.feedBucket,
      DEFAULT_FEED_KEY,
      readText(sample('roster.csv'), 'sample roster'),
    );
    const config = {
      ...(readJson(sample('warden.config.json'), 'sample config') as object),
      accountSources: [{ userPoolId: resources.userPoolId }],
      dryRun: false,
    };
    const run = await warden.invokeReconcile({ trigger: 'simulate' }, config);
    step(
      `seeded the sample press office; reconciliation ${run.status}: ${run.actions.applied} leavers disabled and their access end recorded`,
    );

    Object.assign(process.env, triggerEnvironment(resources, policy));
    const gateway = localGateway(warden);
    step(`POST /auth/sign-in as ${options.user} from ${options.ip}`);
    let response = await gateway(
      '/auth/sign-in',
      { username: options.user, password: PASSWORD },
      options.ip,
    );
    console.log(`  ${response.status} ${JSON.stringify(shown(response.body))}`);
    if (response.body.status === 'code_required') {
      const email =
        users.find((u) => u.Username === options.user)?.Attributes.find((a) => a.Name === 'email')
          ?.Value ?? '';
      const code = await lastCodeSentTo(warden.emulator.endpoint, email);
      step(
        `the one-time code arrived in the local mailbox of ${response.body.destination}; answering with it`,
      );
      response = await gateway(
        '/auth/respond',
        { session: response.body.session, code },
        options.ip,
      );
      console.log(`  ${response.status} ${JSON.stringify(shown(response.body))}`);
    }
    const decisions = await new DynamoSignInLog(
      new GovernanceTable(documentClient(), resources.table),
    ).listDecisions(resources.userPoolId, options.user);
    step('recorded decisions:');
    for (const d of decisions)
      console.log(
        `  ${d.at.toISOString()} ${d.outcome.padEnd(16)} ${d.country ?? '--'} ${d.rule}: ${d.reason}`,
      );
  } finally {
    await warden.emulator.stop();
    step('stopped the local AWS');
  }
}

/** Tokens are secrets even in a simulation: show that they exist and the claims Warden added. */
function shown(body: Record<string, unknown>): Record<string, unknown> {
  if (body.status !== 'signed_in') return body.session ? { ...body, session: '(sealed)' } : body;
  const tokens = body.tokens as { addedClaims?: Record<string, string> };
  return { status: body.status, tokens: '(issued)', claims: tokens.addedClaims };
}
