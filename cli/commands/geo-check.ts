import { isIP } from 'node:net';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { loadGeoLocator } from '../../functions/aws/geo-locator-source.js';
import { countryName } from '../../functions/core/geo/country-code.js';
import { decide } from '../../functions/core/geo/decide.js';
import { type GeoPolicy, parseGeoPolicy } from '../../functions/core/geo/geo-policy.js';
import { ConfigError } from '../../functions/core/shared/errors.js';
import { CliError } from '../exit-codes.js';
import { readJson } from '../feed-input.js';

export const SAMPLE_GEO_POLICY = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'local',
  'samples',
  'geo-policy.json',
);

interface GeoCheckOptions {
  ip: string;
  group: string[];
  policy?: string;
  db?: string;
  json?: boolean;
}

export function loadGeoPolicy(file: string): GeoPolicy {
  try {
    return parseGeoPolicy(readJson(file, 'geo policy'), file);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message);
    throw error;
  }
}

export function registerGeoCheck(geo: Command): void {
  geo
    .command('check')
    .description('what-if: the decision the geo policy makes for a sign-in from an address')
    .requiredOption('--ip <address>', 'IPv4 or IPv6 address of the sign-in')
    .option(
      '--group <name>',
      'a Cognito group of the user (repeatable)',
      (v: string, all: string[]) => [...all, v],
      [],
    )
    .option('--policy <file>', 'geo policy JSON (default: the sample policy)')
    .option('--db <file>', 'MaxMind-format country database (default: the one shipped with Warden)')
    .option('--json', 'print one JSON object: ip, country, decision, reason, rule')
    .action(async (options: GeoCheckOptions) => {
      if (isIP(options.ip.replace(/^::ffff:/i, '')) === 0)
        throw new CliError(`--ip ${options.ip}: not an IPv4 or IPv6 address`);
      const policyFile = options.policy ?? SAMPLE_GEO_POLICY;
      const policy = loadGeoPolicy(policyFile);
      const locator = await loadGeoLocator(options.db).catch((error: Error) => {
        throw new CliError(`cannot open the country database: ${error.message}`);
      });
      const location = locator.locate(options.ip);
      const verdict = decide(policy, location.country, options.group);
      const reason =
        location.country === null
          ? `${verdict.reason} [${location.unknownBecause}]`
          : verdict.reason;
      if (options.json) {
        console.log(
          JSON.stringify({
            ip: options.ip,
            country: location.country,
            decision: verdict.decision,
            reason,
            rule: verdict.rule,
          }),
        );
        return;
      }
      const where = location.country
        ? `${location.country} (${countryName(location.country)})`
        : `unknown (${location.unknownBecause})`;
      console.log(`${options.ip}: ${where}`);
      console.log(
        `groups: ${options.group.length ? options.group.join(', ') : '(none)'}; policy: ${relative(process.cwd(), policyFile)}`,
      );
      console.log(`decision: ${verdict.decision}`);
      console.log(`rule: ${verdict.rule}: ${reason}`);
    });
}
