import { describe, expect, it } from 'vitest';
import {
  parseReconcileConfig,
  userPoolRegion,
} from '../../../../functions/core/config/reconcile-config.js';
import { ConfigError } from '../../../../functions/core/shared/errors.js';

describe('configuration', () => {
  it('defaults to a safe dry-run with the documented guard', () => {
    const config = parseReconcileConfig({}, 'test');
    expect(config.dryRun).toBe(true);
    expect(config.guard).toEqual({
      maxDisableCount: 50,
      maxDisablePercent: 20,
      maxRosterShrinkPercent: 10,
    });
    expect(config.orphans).toEqual({ policy: 'report', graceDays: 14 });
  });

  it('names every bad field, and rejects unknown keys rather than ignoring a typo', () => {
    const attempt = () =>
      parseReconcileConfig(
        {
          dryrun: false,
          feed: { timeZone: 'Mars/Base' },
          guard: { maxDisablePercent: 120 },
          accountSources: [{ userPoolId: 'nope' }],
          exemptions: [{ owner: 'it', reason: 'r', expires: '2027-02-30' }],
        },
        'warden.json',
      );
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const { problems } = error as ConfigError;
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^\(root\): Unrecognized key: "dryrun"/),
          'feed.timeZone: is not a known IANA time zone (e.g. UTC, America/Mexico_City)',
          expect.stringMatching(/^guard\.maxDisablePercent: /),
          'accountSources.0.userPoolId: must be a user pool id such as eu-west-1_AbC123',
          'exemptions.0.expires: must be a date (YYYY-MM-DD)',
          'exemptions.0.username: needs a username or an employeeId',
        ]),
      );
    }
  });

  it('names a user pool by id or by ARN, and reads its region from the id', () => {
    const arn = 'arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbC123';
    const config = parseReconcileConfig({ accountSources: [{ userPoolArn: arn }] }, 'test');
    expect(config.accountSources[0]).toMatchObject({
      userPoolId: 'eu-west-1_AbC123',
      correlationAttribute: 'custom:employee_id',
    });
    expect(userPoolRegion('eu-west-1_AbC123')).toBe('eu-west-1');
    expect(userPoolRegion('not-a-pool')).toBeUndefined();
    expect(() =>
      parseReconcileConfig(
        { accountSources: [{ userPoolId: 'us-east-1_Other', userPoolArn: arn }] },
        'test',
      ),
    ).toThrow(/userPoolId: does not match the pool named by userPoolArn/);
  });
});
