import type { Clock } from '../shared/clock.js';
import type { EventLog } from '../shared/event-log.js';
import type { ConsoleAddressSource } from './ports.js';

/**
 * How long an answer is kept: a container asks once per quarter hour at most, and a console
 * started (or moved) later is linked within that time.
 */
export const CONSOLE_ADDRESS_TTL_MS = 15 * 60 * 1000;

/**
 * The console's address for run links, from where the deployment publishes it; undefined when
 * none is published, it is not an http(s) address, or it cannot be read. A link is a courtesy:
 * its absence never fails a run, so trouble is logged (by error name) and the run goes on.
 */
export function consoleAddress(
  source: ConsoleAddressSource,
  deps: { clock: Clock; log: EventLog },
): () => Promise<string | undefined> {
  let kept: { url: string | undefined; until: number } | undefined;
  return async () => {
    const now = deps.clock.now().getTime();
    if (kept && now < kept.until) return kept.url;
    const url = await readSafely(source, deps.log);
    kept = { url, until: now + CONSOLE_ADDRESS_TTL_MS };
    return url;
  };
}

async function readSafely(
  source: ConsoleAddressSource,
  log: EventLog,
): Promise<string | undefined> {
  let value: string | undefined;
  try {
    value = await source.read();
  } catch (error) {
    log.warn('console address unreadable: run links left out', { error: (error as Error).name });
    return undefined;
  }
  if (value === undefined) return undefined;
  if (!isWebAddress(value)) {
    log.warn('console address is not an http(s) address: run links left out');
    return undefined;
  }
  return value;
}

function isWebAddress(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
