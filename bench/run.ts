// `npm run bench`: each benchmark in its own process, so their memory figures stay apart.
import { spawnSync } from 'node:child_process';

const benchmarks: [string, string[]][] = [
  ['bench/core-plan.ts', ['1000000']],
  ['bench/dry-run-vs-list-users.ts', ['10000', '3']],
  ['bench/quota-ceiling.ts', ['100000', '5000']],
  ['bench/geo-decision-latency.ts', ['300']],
  ['bench/geo-cold-start.ts', ['10']],
  ['bench/offboarding-latency.ts', ['100']],
  ['bench/sign-in-timing.ts', ['200']],
  ['bench/console-findings.ts', ['100000', '5']],
];
for (const [script, args] of benchmarks) {
  console.log(`\n# ${script} ${args.join(' ')}`);
  const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', script, ...args], {
    stdio: ['ignore', 'inherit', 'inherit'],
    // The handlers' own logs would drown the figures.
    env: { POWERTOOLS_LOG_LEVEL: 'WARN', POWERTOOLS_METRICS_DISABLED: 'true', ...process.env },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
