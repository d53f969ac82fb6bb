import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import {
  isDeploymentConfig,
  parseDeploymentConfig,
  reconcileSettings,
} from '../functions/core/config/deployment-config.js';
import {
  parseReconcileConfig,
  type ReconcileConfig,
} from '../functions/core/config/reconcile-config.js';
import { type FeedResult, formatProblem, type HrFeed } from '../functions/core/hr/hr-record.js';
import { parseFeed } from '../functions/core/hr/parse-feed.js';
import { ConfigError } from '../functions/core/shared/errors.js';
import { withPolicyFile } from '../infra/load-config.js';
import { CliError } from './exit-codes.js';
import { type FeedFlags, feedSectionFromFlags } from './feed-flags.js';

/** Options every command that reads an HR feed accepts. */
export interface FeedCliOptions extends FeedFlags {
  config?: string;
}

/** A file's bytes; with `limit`, no more than that many (a huge file is never read whole). */
export function readBytes(file: string, what: string, limit?: number): Uint8Array {
  try {
    return limit === undefined ? readFileSync(file) : readAtMost(file, limit);
  } catch (error) {
    throw new CliError(
      `cannot read ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

function readAtMost(file: string, limit: number): Uint8Array {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(limit, fstatSync(fd).size));
    let filled = 0;
    while (filled < buffer.length) {
      const read = readSync(fd, buffer, filled, buffer.length - filled, filled);
      if (read === 0) break;
      filled += read;
    }
    return buffer.subarray(0, filled);
  } finally {
    closeSync(fd);
  }
}

export function readText(file: string, what: string): string {
  return Buffer.from(readBytes(file, what)).toString('utf8');
}

export function readJson(file: string, what: string): unknown {
  const text = readText(file, what);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file}: not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * The settings a configuration file gives the reconcile function: the file itself, or the
 * reconcile part of a deployment's configuration (`config/example.json`, as given to `cdk deploy`).
 */
function configFileSettings(file: string): Record<string, unknown> {
  const raw = readJson(file, 'configuration');
  if (!isDeploymentConfig(raw)) return raw as Record<string, unknown>;
  try {
    return reconcileSettings(parseDeploymentConfig(withPolicyFile(raw, dirname(file)), file));
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}

/** The configuration file (when given) with the command line's feed options on top. */
export function loadConfig(
  options: FeedCliOptions,
  overrides: Record<string, unknown> = {},
): ReconcileConfig {
  const fromFile = options.config ? configFileSettings(options.config) : {};
  const feed = {
    ...((fromFile.feed as object | undefined) ?? {}),
    ...feedSectionFromFlags(options),
  };
  try {
    return parseReconcileConfig(
      { ...fromFile, ...overrides, feed },
      options.config ?? 'command line',
    );
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message);
    throw error;
  }
}

/**
 * Reads a feed file as bytes, one past the size limit at most (enough to refuse a file that is
 * too large), and parses it by the configuration's feed rules.
 */
export function readFeed(file: string, config: ReconcileConfig): FeedResult {
  const bytes = readBytes(file, 'HR feed', config.feed.maxBytes + 1);
  return parseFeed(bytes, { ...config.feed, source: basename(file) });
}

/** Reads and validates a feed; on any problem, a CliError lists one `file:line: field: reason` per line. */
export function loadFeed(file: string, config: ReconcileConfig): HrFeed {
  const result = readFeed(file, config);
  if (result.ok) return result.feed;
  throw new CliError(result.problems.map((p) => formatProblem(file, p)).join('\n'));
}
