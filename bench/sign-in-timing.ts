// Does the time a refused sign-in takes tell whether the username exists? Two figures, each as
// medians over many tries of an unknown username and of a real one with a wrong password:
//  1. the whole gateway on the local AWS (real gateway and trigger handlers, the custom-auth
//     harness standing in for Cognito with PreventUserExistenceErrors on);
//  2. the gateway's own Cognito adapter in process, Cognito answering at once: the SRP work the
//     gateway does itself, which once differed (one SRP computation against two).
// Run through `npm run bench` or alone: `POWERTOOLS_LOG_LEVEL=WARN tsx bench/sign-in-timing.ts [TRIES]`.
import { readFileSync } from 'node:fs';
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import {
  AdminCreateUserCommand,
  NotAuthorizedException,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoCustomAuth } from '../functions/aws/cognito-custom-auth.js';
import { localGateway } from '../local/local-gateway.js';
import { startLocalWarden } from '../local/local-warden.js';
import { triggerEnvironment } from '../local/provision.js';
import { sample } from '../local/sample-world.js';
import { setPassword } from '../local/seed.js';

const tries = Number(process.argv[2] ?? 200);

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Alternates the two kinds of attempt, so that drift of the machine affects both alike. */
async function paired(a: () => Promise<unknown>, b: () => Promise<unknown>) {
  const times: [number[], number[]] = [[], []];
  for (let i = 0; i < tries; i++) {
    for (const [k, run] of [a, b].entries()) {
      const started = performance.now();
      await run();
      times[k as 0 | 1].push(performance.now() - started);
    }
  }
  const [unknownMs, wrongMs] = times.map(median) as [number, number];
  return {
    tries,
    medianUnknownUserMs: Number(unknownMs.toFixed(2)),
    medianWrongPasswordMs: Number(wrongMs.toFixed(2)),
    differencePercent: Number(
      ((Math.abs(unknownMs - wrongMs) / Math.min(unknownMs, wrongMs)) * 100).toFixed(1),
    ),
  };
}

// 1. The whole gateway on the local AWS.
const warden = await startLocalWarden('warden-timing', (m) => console.error(m));
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
  await setPassword(warden.cognito, resources.userPoolId, 'ana.lopez', 'Prensa-2023-Pa55word!');
  Object.assign(
    process.env,
    triggerEnvironment(resources, JSON.parse(readFileSync(sample('geo-policy.json'), 'utf8'))),
  );
  const gateway = localGateway(warden, { limits: { perAddress: 100_000, perUsername: 100_000 } });
  const attempt = (username: string) => () =>
    gateway('/auth/sign-in', { username, password: 'not-the-password' }, '189.203.0.1');
  await paired(attempt('nobody.here'), attempt('ana.lopez')); // warm-up
  console.log(
    JSON.stringify({
      benchmark: 'gateway on the local AWS: unknown username against wrong password',
      ...(await paired(attempt('nobody.here'), attempt('ana.lopez'))),
    }),
  );
} finally {
  await warden.emulator.stop();
}

// 2. The gateway's Cognito adapter alone: Cognito refuses an unknown user at the first call
// (PreventUserExistenceErrors off) and a wrong password at the second.
const refusal = () =>
  Promise.reject(new NotAuthorizedException({ message: 'refused', $metadata: {} }));
const challenge = {
  ChallengeName: 'PASSWORD_VERIFIER',
  Session: 'session',
  ChallengeParameters: {
    SALT: 'a'.repeat(32),
    SRP_B: `1${'f'.repeat(767)}`,
    SECRET_BLOCK: Buffer.alloc(1024, 7).toString('base64'),
    USER_ID_FOR_SRP: 'ana.lopez',
    USERNAME: 'ana.lopez',
  },
};
const cognito = (firstRefuses: boolean) =>
  ({
    send: (command: { constructor: { name: string } }) =>
      command.constructor.name === 'InitiateAuthCommand' && !firstRefuses
        ? Promise.resolve(challenge)
        : refusal(),
  }) as unknown as CognitoIdentityProviderClient;
const app = { userPoolId: 'us-east-1_Timing1', clientId: 'client', clientSecret: 'secret' };
const context = () => ({});
const unknownUser = new CognitoCustomAuth(cognito(true), app);
const wrongPassword = new CognitoCustomAuth(cognito(false), app);
console.log(
  JSON.stringify({
    benchmark:
      "gateway's Cognito adapter in process: unknown username (refused at once) against wrong password",
    ...(await paired(
      () => unknownUser.start('nobody.here', 'x', context),
      () => wrongPassword.start('ana.lopez', 'x', context),
    )),
  }),
);
