// Warm decision latency of the sign-in triggers. Two figures: the decision itself (verify the
// signed geo context, apply the policy) in process, and the whole pre-authentication and
// define-auth-challenge handlers against the local emulator (its DynamoDB and Cognito calls
// included, which in AWS are a few milliseconds each).

import { readFileSync } from 'node:fs';
import { AdminCreateUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { secretsClient } from '../functions/aws/clients/secrets-manager.js';
import { secretsKeyRing } from '../functions/aws/secrets-key-ring.js';
import { systemClock } from '../functions/aws/system.js';
import {
  GEO_CONTEXT_FIELD,
  resolvedUser,
  signGeoContext,
  verifyGeoContext,
} from '../functions/core/geo/geo-context.js';
import { parseGeoPolicy } from '../functions/core/geo/geo-policy.js';
import { keySetOf } from '../functions/core/geo/key-set.js';
import { signInVerdict } from '../functions/core/geo/sign-in-verdict.js';
import { localLambdaContext } from '../local/lambda-context.js';
import { startLocalWarden } from '../local/local-warden.js';
import { triggerEnvironment } from '../local/provision.js';
import { sample } from '../local/sample-world.js';

const iterations = Number(process.argv[2] ?? 300);
const policy = parseGeoPolicy(
  JSON.parse(readFileSync(sample('geo-policy.json'), 'utf8')),
  'sample',
);

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
  return { p50: Number(at(0.5).toFixed(3)), p99: Number(at(0.99).toFixed(3)) };
}

async function timed(times: number, fn: () => unknown): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return samples;
}

// The decision alone.
const keys = keySetOf({ current: 'k'.repeat(64) });
const client = 'bench-client';
const tokens = Array.from({ length: 20_000 }, () =>
  signGeoContext(
    { ip: '88.1.1.1', country: 'ES', username: 'ana.lopez', clientId: client },
    keys.signing,
    new Date(),
  ),
);
let n = 0;
const pure = await timed(tokens.length, () => {
  const geo = verifyGeoContext(tokens[n++], keys, new Date(), resolvedUser('ana.lopez', client));
  return signInVerdict(policy, {
    now: new Date(),
    geo,
    replayed: false,
    groups: ['correspondents'],
  });
});
console.log(
  JSON.stringify({
    benchmark: 'geo decision in process (verify context + policy)',
    runs: tokens.length,
    ms: percentiles(pure.slice(1000)),
  }),
);

// The handlers, warm, against the emulator.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
const warden = await startLocalWarden('warden-latency');
try {
  const { resources } = warden;
  await warden.cognito.send(
    new AdminCreateUserCommand({
      UserPoolId: resources.userPoolId,
      Username: 'ana.lopez',
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: 'ana.lopez@presidencia.example' },
        { Name: 'email_verified', Value: 'true' },
      ],
    }),
  );
  Object.assign(process.env, triggerEnvironment(resources, policy));
  const realKey = (await secretsKeyRing(secretsClient(), resources.geoKeySecret, systemClock)())
    .signing;
  const { handler: preAuthentication } = await import(
    '../functions/geo-triggers/pre-authentication.js'
  );
  const { handler: defineAuthChallenge } = await import(
    '../functions/geo-triggers/define-auth-challenge.js'
  );
  const event = (request: Record<string, unknown>, triggerSource: string) => ({
    version: '1',
    triggerSource,
    region: 'us-east-1',
    userPoolId: resources.userPoolId,
    userName: 'ana.lopez',
    callerContext: { awsSdkVersion: 'bench', clientId: resources.clientId },
    request: {
      userAttributes: { email: 'ana.lopez@presidencia.example', email_verified: 'true' },
      ...request,
    },
    response: {},
  });
  const context = localLambdaContext('bench');
  const metadata = () => ({
    [GEO_CONTEXT_FIELD]: signGeoContext(
      { ip: '189.203.0.1', country: 'MX', username: 'ana.lopez', clientId: resources.clientId },
      realKey,
      new Date(),
    ),
  });
  const session = [
    { challengeName: 'SRP_A', challengeResult: true },
    { challengeName: 'PASSWORD_VERIFIER', challengeResult: true },
  ];
  for (const [name, run] of [
    [
      'pre-authentication',
      () =>
        preAuthentication(
          event({ validationData: metadata() }, 'PreAuthentication_Authentication'),
          context,
        ),
    ],
    [
      'define-auth-challenge',
      () =>
        defineAuthChallenge(
          event({ session, clientMetadata: metadata() }, 'DefineAuthChallenge_Authentication'),
          context,
        ),
    ],
  ] as const) {
    await timed(20, run); // warm-up: connections, first reads of the key and policy
    console.log(
      JSON.stringify({
        benchmark: `${name} handler, warm, against the local emulator`,
        runs: iterations,
        ms: percentiles(await timed(iterations, run)),
      }),
    );
  }
} finally {
  await warden.emulator.stop();
}
