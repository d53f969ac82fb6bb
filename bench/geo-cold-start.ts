// Cold start of the sign-in functions as Lambda loads them. The stack is synthesised from
// config/example.json, so the bundles measured are the ones it deploys. Each run is a fresh Node
// process with the function's NODE_OPTIONS that imports `index.mjs` (init: module evaluation
// until the handler is exported), then the chunks the first invocation imports and, for the
// gateway, the country database: the one-time loading a cold start adds after init. Client
// creation, credentials and connections on the first invocation are not in either figure.
// `tsx bench/geo-cold-start.ts [RUNS]`; one JSON line per function.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { build } from 'esbuild';
import { bundledCountryDatabase } from '../functions/aws/mmdb-geo-locator.js';
import { parseDeploymentConfig } from '../functions/core/config/deployment-config.js';
import { BUNDLE_SETTINGS } from '../infra/constructs/chunked-bundle.js';
import { withPolicyFile } from '../infra/load-config.js';
import { signInBundles } from '../infra/sign-in-bundles.js';
import { WardenStack } from '../infra/warden-stack.js';

const runs = Number(process.argv[2] ?? 10);
const out = mkdtempSync(join(tmpdir(), 'warden-cold-'));

const app = new App({ outdir: join(out, 'cdk.out') });
const raw = JSON.parse(readFileSync('config/example.json', 'utf8'));
new WardenStack(app, 'Warden', {
  config: parseDeploymentConfig(withPolicyFile(raw, 'config'), 'config/example.json'),
  env: { account: '111122223333', region: 'us-east-1' },
});
const bundles = signInBundles(app.synth().directory);

// The gateway reads its country database on the first invocation, through code inside its
// first-use chunk; the same code is bundled alone here so that the probe can call it.
const locator = join(out, 'geo-locator.mjs');
await build({
  entryPoints: ['functions/aws/geo-locator-source.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: BUNDLE_SETTINGS.target,
  mainFields: [...BUNDLE_SETTINGS.mainFields],
  banner: { js: BUNDLE_SETTINGS.banner },
  minify: true,
  outfile: locator,
  logLevel: 'error',
});

const probe = join(out, 'probe.mjs');
writeFileSync(
  probe,
  `const [entry, firstUse, locator, database] = JSON.parse(process.argv[2]);
let started = performance.now();
const mod = await import(entry);
const initMs = performance.now() - started;
if (typeof mod.handler !== 'function') throw new Error('no handler');
started = performance.now();
for (const chunk of firstUse) await import(chunk);
if (locator) {
  const { loadGeoLocator } = await import(locator);
  if ((await loadGeoLocator(database)).locate('88.1.1.1').country !== 'ES') throw new Error('database did not load');
}
const firstUseMs = performance.now() - started;
console.log(JSON.stringify({ initMs, firstUseMs, rssMb: process.memoryUsage().rss / 1048576 }));
`,
);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const ms = (x: number) => Number(x.toFixed(1));
for (const bundle of bundles) {
  const database = bundle.name === 'gateway' ? [locator, bundledCountryDatabase()] : [];
  const args = JSON.stringify([join(bundle.dir, 'index.mjs'), bundle.firstUseFiles, ...database]);
  const samples = Array.from({ length: runs }, () => {
    const result = spawnSync(process.execPath, [probe, args], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: bundle.nodeOptions ?? '', AWS_REGION: 'us-east-1' },
    });
    if (result.status !== 0) throw new Error(result.stderr);
    return JSON.parse(result.stdout) as { initMs: number; firstUseMs: number; rssMb: number };
  });
  const init = samples.map((s) => s.initMs);
  const firstUse = samples.map((s) => s.firstUseMs);
  console.log(
    JSON.stringify({
      benchmark: 'cold start of the deployed bundle (init; then first-use chunks and database)',
      function: bundle.name,
      runs,
      medianInitMs: ms(median(init)),
      maxInitMs: ms(Math.max(...init)),
      medianFirstUseMs: ms(median(firstUse)),
      maxFirstUseMs: ms(Math.max(...firstUse)),
      medianRssMb: Math.round(median(samples.map((s) => s.rssMb))),
      initKb: Math.round(bundle.initBytes / 1024),
      totalKb: Math.round(bundle.totalBytes / 1024),
    }),
  );
}
