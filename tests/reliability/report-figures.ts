import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes a suite's figures as `<suite>.json` into the directory `WARDEN_RELIABILITY_OUT` names,
 * for `npm run reliability` to collect into its table; does nothing when it is unset.
 */
export function reportFigures(suite: string, figures: Record<string, unknown>): void {
  const directory = process.env.WARDEN_RELIABILITY_OUT;
  if (!directory) return;
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, `${suite}.json`), `${JSON.stringify(figures, null, 2)}\n`);
}

/** The small count inside `npm test`; the full count when `WARDEN_RELIABILITY_FULL=1`. */
export function reliabilityCount(small: number, full: number): number {
  return process.env.WARDEN_RELIABILITY_FULL === '1' ? full : small;
}
