import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// What each reliability suite measured, for `npm run reliability` (tests/reliability/run.ts).

/** Writes `<suite>.json` into `$WARDEN_RELIABILITY_OUT`; does nothing when it is unset. */
export function reportFigures(suite: string, figures: Record<string, unknown>): void {
  const dir = process.env.WARDEN_RELIABILITY_OUT;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${suite}.json`), `${JSON.stringify(figures, null, 2)}\n`);
}

/** The smaller count inside `npm test`, the full one with `WARDEN_RELIABILITY_FULL=1`. */
export function reliabilityCount(small: number, full: number): number {
  return process.env.WARDEN_RELIABILITY_FULL === '1' ? full : small;
}
