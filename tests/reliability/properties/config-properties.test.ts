import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDeploymentConfig } from '../../../functions/core/config/deployment-config.js';
import { isCountryCode } from '../../../functions/core/geo/country-code.js';
import { type GeoPolicy, parseGeoPolicy } from '../../../functions/core/geo/geo-policy.js';
import { ConfigError } from '../../../functions/core/shared/errors.js';
import { hostile, namesField, notList, notText, oneFieldWrong } from './mutations.js';
import { propertySuite } from './property-suite.js';

/**
 * The geo policy and the deployment configuration: whatever a file holds, a configuration or a
 * ConfigError naming the field, never a crash; an accepted one keeps every rule (the fence's
 * countries, the alarm's interval, the limits).
 */
const { check } = propertySuite('config-properties');

/** What a parser made of the input: the value, or the problems of its ConfigError. */
function outcomeOf<T>(parse: () => T): { value: T } | { problems: string[] } {
  try {
    return { value: parse() };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    expect(error.problems.length).toBeGreaterThan(0);
    return { problems: error.problems };
  }
}
const countries = fc.uniqueArray(fc.constantFrom('MX', 'US', 'ES', 'FR', 'BR', 'JP'), {
  minLength: 1,
  maxLength: 3,
});
const fence = fc.record({
  allowedCountries: countries,
  outside: fc.constantFrom('require_mfa', 'deny'),
});
/** Group names, with names a plain object holds specially (`toString` is inherited). */
const groupName = fc.oneof(
  fc.stringMatching(/^[a-z-]{1,12}$/),
  fc.constantFrom('constructor', 'toString'),
);
const policyWith = (name: fc.Arbitrary<string>) =>
  fc.record(
    {
      default: fence,
      groups: fc.dictionary(name, fence, { maxKeys: 2 }),
      unknown: fc.constantFrom('require_mfa', 'deny'),
      deniedCountries: fc.uniqueArray(fc.constantFrom('KP', 'IR', 'SY'), { maxLength: 2 }),
    },
    { requiredKeys: ['default'] },
  );
const policy = policyWith(groupName);
const badCountries = fc.oneof(
  notList,
  fc.constant([]),
  fc.constantFrom(['XX'], ['ZZ'], ['EU'], ['MEX'], [''], ['mx', 'MX'], [7], ['KP']),
);

describe('geo policy properties', () => {
  it('any policy file: a policy or a ConfigError; an accepted policy keeps every group and every rule of the fence', () => {
    // `__proto__` too, which a record drops without a word: the policy must refuse it instead.
    const anyNames = policyWith(fc.oneof(groupName, fc.constant('__proto__')));
    check(hostile(anyNames), (input) => {
      const outcome = outcomeOf(() => parseGeoPolicy(input, 'policy.json'));
      if (!('value' in outcome)) return;
      const accepted: GeoPolicy = outcome.value;
      const groups = isRecord(input) && isRecord(input.groups) ? Object.keys(input.groups) : [];
      for (const name of groups) expect(Object.hasOwn(accepted.groups, name), name).toBe(true);
      const fences = [accepted.default, ...Object.values(accepted.groups)];
      for (const f of fences) {
        expect(f.allowedCountries.length).toBeGreaterThan(0);
        expect(['require_mfa', 'deny']).toContain(f.outside);
      }
      for (const list of [...fences.map((f) => f.allowedCountries), accepted.deniedCountries]) {
        expect(new Set(list).size).toBe(list.length);
        for (const c of list) expect(isCountryCode(c)).toBe(true);
      }
      for (const f of fences)
        for (const c of f.allowedCountries) expect(accepted.deniedCountries).not.toContain(c);
      expect(['require_mfa', 'deny']).toContain(accepted.unknown);
    });
  });

  it('a policy with one field broken is refused naming the field', () => {
    const broken = policy
      .map((p) => ({ ...p, deniedCountries: ['KP'] }))
      .chain((p) =>
        oneFieldWrong(fc.constant(p), [
          {
            path: ['default'],
            wrong: fc.oneof(
              notText.filter((v) => !isRecord(v)),
              fc.constant(undefined),
            ),
          },
          { path: ['default', 'allowedCountries'], wrong: badCountries },
          { path: ['default', 'outside'], wrong: fc.oneof(notText, fc.constantFrom('allow', '')) },
          { path: ['unknown'], wrong: fc.oneof(fc.integer(), fc.constantFrom('allow', 'ask')) },
          {
            path: ['deniedCountries'],
            wrong: fc.oneof(notList, fc.constantFrom(['XX'], ['kp', 'KP'])),
          },
          {
            path: ['groups', 'admins'],
            wrong: fc.oneof(notText, fc.constant({ allowedCountries: ['MX'] })),
          },
        ]),
      );
    check(broken, ({ value, path }) => {
      const outcome = outcomeOf(() => parseGeoPolicy(value, 'policy.json'));
      expect('problems' in outcome && namesField(outcome.problems, path)).toBe(true);
    });
  });
});

const deployment = fc.record(
  {
    accountSources: fc.constant([{ userPoolId: 'eu-west-1_AbC123xyz' }]),
    dryRun: fc.boolean(),
    schedule: fc.record(
      {
        expression: fc.oneof(
          fc.constantFrom('cron(0 * * * ? *)', 'cron(30 6 * * ? *)'),
          fc
            .tuple(fc.integer({ min: 1, max: 84 }), fc.constantFrom('hour', 'hours'))
            .map(([n, unit]) => `rate(${n} ${unit})`),
        ),
        timeZone: fc.constantFrom('UTC', 'America/Mexico_City', 'Europe/Madrid'),
      },
      { requiredKeys: [] },
    ),
    notificationEmails: fc.array(fc.constantFrom('it@x.org', 'security@presidencia.example'), {
      maxLength: 2,
    }),
    console: fc.record({ sessionMinutes: fc.integer({ min: 5, max: 60 }) }, { requiredKeys: [] }),
    consoleUrl: fc.constant('https://warden-console.example.org'),
    retention: fc.record(
      {
        reportDays: fc.integer({ min: 30, max: 3650 }),
        feedDays: fc.integer({ min: 1, max: 365 }),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['accountSources'] },
);

describe('deployment configuration properties', () => {
  it('any configuration file: a configuration or a ConfigError; an accepted one keeps its limits', () => {
    check(hostile(deployment), (input) => {
      const outcome = outcomeOf(() => parseDeploymentConfig(input, 'warden.json'));
      if (!('value' in outcome)) return;
      const { schedule, console: staff, retention, notificationEmails } = outcome.value;
      // The "no successful run" alarm watches two intervals within CloudWatch's 7 days.
      expect(schedule.intervalHours).toBeGreaterThan(0);
      expect(schedule.intervalHours).toBeLessThanOrEqual(84);
      expect(staff.sessionMinutes).toBeGreaterThanOrEqual(5);
      expect(staff.sessionMinutes).toBeLessThanOrEqual(60);
      expect(retention.reportDays).toBeGreaterThanOrEqual(30);
      for (const email of notificationEmails) expect(email).toMatch(/^[^@\s]+@[^@\s]+$/);
    });
  });

  it('a configuration with one field broken is refused naming the field', () => {
    const broken = oneFieldWrong(deployment, [
      {
        path: ['schedule', 'expression'],
        wrong: fc.oneof(
          notText,
          fc.constantFrom('every hour', 'rate(0 minutes)', 'rate(0 hours)', 'rate(1000 days)'),
          fc.integer({ min: 85, max: 100_000 }).map((n) => `rate(${n} hours)`),
          fc.integer({ min: 4, max: 1_000 }).map((n) => `rate(${n} days)`),
        ),
      },
      {
        path: ['schedule', 'timeZone'],
        wrong: fc.oneof(notText, fc.constantFrom('Mars/Base', '')),
      },
      { path: ['notificationEmails'], wrong: notList },
      {
        path: ['console', 'sessionMinutes'],
        wrong: fc.oneof(fc.string(), fc.constantFrom(4, 61, 30.5)),
      },
      { path: ['consoleUrl'], wrong: fc.oneof(notText, fc.constantFrom('http://x.org', 'x.org')) },
      { path: ['retention', 'reportDays'], wrong: fc.oneof(fc.string(), fc.integer({ max: 29 })) },
      { path: ['dryRun'], wrong: fc.oneof(fc.string(), fc.integer(), fc.constant(null)) },
    ]);
    check(broken, ({ value, path }) => {
      const outcome = outcomeOf(() => parseDeploymentConfig(value, 'warden.json'));
      expect('problems' in outcome && namesField(outcome.problems, path)).toBe(true);
    });
  });
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
