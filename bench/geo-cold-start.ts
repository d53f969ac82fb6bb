// Cold-start cost of the sign-in functions as Lambda loads them: each handler is bundled with
// esbuild the way the stack bundles it, then imported in a fresh Node process that also loads
// the country database (gateway). Prints module initialisation time and memory.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { bundledCountryDatabase } from '../functions/aws/mmdb-geo-locator.js';

const runs = Number(process.argv[2] ?? 5);
const out = mkdtempSync(join(tmpdir(), 'warden-cold-'));
const entries = {
  'pre-authentication': 'functions/geo-triggers/pre-authentication.ts',
  'define-auth-challenge': 'functions/geo-triggers/define-auth-challenge.ts',
  gateway: 'functions/sign-in-gateway/handler.ts',
  // What the gateway loads on its first invocation, once per container.
  'geo-locator': 'functions/aws/geo-locator-source.ts',
};
await build({
  entryPoints: entries,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  outdir: out,
  outExtension: { '.js': '.mjs' },
  banner: {
    js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
  },
  logLevel: 'error',
});

// Runs in the fresh process: import the bundle (module init), then what the first invocation
// loads once per container (the country database, for the gateway).
const probe = join(out, 'probe.mjs');
writeFileSync(
  probe,
  `const started = performance.now();
const mod = await import(process.argv[2]);
let initMs = performance.now() - started;
if (process.argv[3]) {
  const { loadGeoLocator } = await import(process.argv[3]);
  const located = (await loadGeoLocator(process.argv[4])).locate('88.1.1.1');
  if (located.country !== 'ES') throw new Error('database did not load');
  initMs = performance.now() - started;
}
if (typeof mod.handler !== 'function') throw new Error('no handler');
console.log(JSON.stringify({ initMs, rssMb: process.memoryUsage().rss / 1048576 }));
`,
);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
for (const name of ['pre-authentication', 'define-auth-challenge', 'gateway']) {
  const samples = Array.from({ length: runs }, () => {
    const database =
      name === 'gateway' ? [join(out, 'geo-locator.mjs'), bundledCountryDatabase()] : [];
    const args = [probe, join(out, `${name}.mjs`), ...database];
    const result = spawnSync(process.execPath, args, {
      encoding: 'utf8',
      env: { ...process.env, AWS_REGION: 'us-east-1' },
    });
    if (result.status !== 0) throw new Error(result.stderr);
    return JSON.parse(result.stdout) as { initMs: number; rssMb: number };
  });
  console.log(
    JSON.stringify({
      benchmark: 'cold start (bundled module init, plus country database for the gateway)',
      function: name,
      runs,
      medianInitMs: Number(median(samples.map((s) => s.initMs)).toFixed(1)),
      maxInitMs: Number(Math.max(...samples.map((s) => s.initMs)).toFixed(1)),
      medianRssMb: Math.round(median(samples.map((s) => s.rssMb))),
    }),
  );
}
