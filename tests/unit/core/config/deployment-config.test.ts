import { describe, expect, it } from 'vitest';
import { parseDeploymentConfig } from '../../../../functions/core/config/deployment-config.js';
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

  it('refuses a deployment with nothing to govern unless a demo pool is wanted', () => {
    expect(problems({ demoUserPool: false })).toEqual([
      'accountSources: list at least one user pool, or set demoUserPool: true',
    ]);
  });
});
