import { describe, expect, it } from 'vitest';
import {
  parseDeploymentConfig,
  reconcileSettings,
} from '../../../../functions/core/config/deployment-config.js';
import { parseReconcileConfig } from '../../../../functions/core/config/reconcile-config.js';
import { ConfigError } from '../../../../functions/core/shared/errors.js';

function problems(raw: unknown): string[] {
  try {
    parseDeploymentConfig(raw, 'bad.json');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('deployment configuration', () => {
  it('works out the interval of rate() and simple cron schedules, and asks for it otherwise', () => {
    const interval = (expression: string) =>
      parseDeploymentConfig({ schedule: { expression } }, 't').schedule.intervalHours;
    expect(interval('rate(6 hours)')).toBe(6);
    expect(interval('rate(30 minutes)')).toBe(0.5);
    expect(interval('cron(15 * * * ? *)')).toBe(1);
    expect(problems({ schedule: { expression: 'cron(0 6 ? * MON-FRI *)' } })).toEqual([
      'schedule.intervalHours: is required for cron(0 6 ? * MON-FRI *): the hours between runs, for the "no successful run" alarm',
    ]);
  });

  it('names every invalid field', () => {
    expect(
      problems({
        accountSources: [{ userPoolArn: 'arn:aws:s3:::bucket' }],
        schedule: { expression: 'every day', timeZone: 'Mars/Base' },
        notificationEmails: ['it-security'],
        guard: { maxDisableCount: 'fifty' },
        retention: { reportDays: 7 },
        surprise: true,
      }),
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^accountSources\.0\.userPoolArn: must be a user pool ARN/),
        expect.stringMatching(/^schedule\.expression: must be cron\(/),
        'schedule.timeZone: is not a known IANA time zone',
        'notificationEmails.0: must be an email address',
        expect.stringMatching(/^guard\.maxDisableCount: /),
        expect.stringMatching(/^retention\.reportDays: /),
        expect.stringMatching(/^\(root\): Unrecognized key: "surprise"/),
      ]),
    );
  });

  it('refuses a rate of zero, and a schedule too sparse for the "no successful run" alarm', () => {
    expect(problems({ schedule: { expression: 'rate(0 minutes)' } })).toEqual([
      expect.stringMatching(/^schedule\.expression: must be cron\(/),
    ]);
    expect(problems({ schedule: { expression: 'rate(4 days)' } })).toEqual([
      'schedule.expression: runs every 96 hours: at most every 84, as the alarm watches two intervals and CloudWatch looks back at most 7 days',
    ]);
    expect(
      parseDeploymentConfig({ schedule: { expression: 'rate(84 hours)' } }, 't').schedule
        .intervalHours,
    ).toBe(84);
  });

  it('refuses a deployment with nothing to govern unless a demo pool is wanted', () => {
    expect(problems({ demoUserPool: false })).toEqual([
      'accountSources: list at least one user pool, or set demoUserPool: true',
    ]);
  });

  it('works out daily runs, rates in days, and asks for the interval of other cron schedules', () => {
    const interval = (expression: string) =>
      parseDeploymentConfig({ schedule: { expression } }, 't').schedule.intervalHours;
    expect(interval('cron(0 6 * * ? *)')).toBe(24);
    expect(interval('rate(2 days)')).toBe(48);
    expect(problems({ schedule: { expression: 'cron(0 */6 * * ? *)' } })).toEqual([
      expect.stringMatching(/^schedule\.intervalHours: is required for cron\(0 \*\/6/),
    ]);
    expect(
      parseDeploymentConfig(
        { schedule: { expression: 'cron(0 */6 * * ? *)', intervalHours: 6 } },
        't',
      ).schedule.intervalHours,
    ).toBe(6);
  });
});

describe('reconcile settings of a deployment', () => {
  const geo = {
    policy: { default: { allowedCountries: ['MX'], outside: 'require_mfa' } },
    codeSender: 'codes@x.org',
    posture: 'disable',
  };

  it('carry what the reconcile function needs and none of the stack’s own settings', () => {
    const settings = reconcileSettings(
      parseDeploymentConfig({ dryRun: false, notificationEmails: ['it@x.org'] }, 't'),
    );
    expect(settings).toMatchObject({ dryRun: false, guard: { maxDisableCount: 50 } });
    for (const stackOnly of [
      'schedule',
      'notificationEmails',
      'demoUserPool',
      'retention',
      'geo',
    ]) {
      expect(settings).not.toHaveProperty(stackOnly);
    }
    expect(parseReconcileConfig(settings, 'settings').dryRun).toBe(false);
  });

  it('carry the geo policy and the posture action when sign-in is geo-fenced', () => {
    const settings = reconcileSettings(parseDeploymentConfig({ geo }, 't'));
    const parsed = parseReconcileConfig(settings, 'settings');
    expect(parsed.geoPolicy?.default).toEqual({ allowedCountries: ['MX'], outside: 'require_mfa' });
    expect(parsed.postureAction).toBe('disable');
  });
});
