import { describe, expect, it } from 'vitest';
import {
  parseReconcileConfig,
  ratesOf,
  userPoolRegion,
} from '../../../../functions/core/config/reconcile-config.js';
import { ConfigError } from '../../../../functions/core/shared/errors.js';
import { problemsOf } from './config-problems.js';

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

  it('reads the feed section: a preset and its overrides, each checked and named when wrong', () => {
    const config = parseReconcileConfig(
      {
        feed: {
          preset: 'personio',
          statusMap: { leaver: ['Inaktiv', 'Ausgetreten'] },
          dateFormats: ['DD.MM.YYYY', 'YYYY/MM/DD'],
          delimiter: ';',
          headerRows: 1,
          encoding: 'windows-1252',
          undatedLeavers: 'already_left',
        },
      },
      'warden.json',
    );
    expect(config.feed).toMatchObject({
      kind: 'roster',
      preset: 'personio',
      encoding: 'windows-1252',
    });
    try {
      parseReconcileConfig(
        {
          feed: {
            preset: 'sap',
            statusMap: { active: ['Active'], leaver: ['active'] },
            dateFormats: ['DD.MM.YY'],
            delimiter: 'ab',
            headerRows: 0,
            encoding: 'klingon-8',
            statusFromDat: true,
          },
        },
        'warden.json',
      );
      expect.unreachable('the feed section is invalid');
    } catch (error) {
      expect((error as ConfigError).problems).toEqual(
        expect.arrayContaining([
          'feed.preset: must be one of bamboohr, personio, workday, successfactors',
          'feed.statusMap: a value cannot mean both active and leaver',
          'feed.dateFormats.0: "DD.MM.YY" may contain only YYYY, MM or M, DD or D, and the separators - . / and space',
          'feed.delimiter: must be one character, not a letter, digit, quote or line break',
          expect.stringMatching(/^feed\.headerRows: /),
          'feed.encoding: is not an encoding the platform can decode (e.g. windows-1252, iso-8859-15, utf-16le)',
          expect.stringMatching(/^feed: Unrecognized key: "statusFromDat"/),
        ]),
      );
    }
  });
});

describe('configuration, field by field', () => {
  const arn = 'arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbC123';
  const problems = (raw: unknown) => problemsOf(() => parseReconcileConfig(raw, 'warden.json'));

  it('names an exemption without an owner or a reason', () => {
    expect(
      problems({
        exemptions: [{ username: 'ana', owner: '', reason: '', expires: '2027-01-31' }],
      }),
    ).toEqual([
      'exemptions.0.owner: is required: who answers for this exemption',
      'exemptions.0.reason: is required',
    ]);
  });

  it('accepts pools of multi-part regions and partitions, by id or ARN', () => {
    const govArn =
      'arn:aws-us-gov:cognito-idp:us-gov-west-1:123456789012:userpool/us-gov-west-1_AbC123';
    const config = parseReconcileConfig(
      {
        accountSources: [
          {
            type: 'cognito',
            userPoolId: 'us-gov-west-1_XyZ9',
            correlationAttribute: 'custom:hr_id',
          },
          { userPoolArn: govArn },
        ],
      },
      'test',
    );
    expect(config.accountSources).toEqual([
      { type: 'cognito', userPoolId: 'us-gov-west-1_XyZ9', correlationAttribute: 'custom:hr_id' },
      {
        type: 'cognito',
        userPoolId: 'us-gov-west-1_AbC123',
        userPoolArn: govArn,
        correlationAttribute: 'custom:employee_id',
      },
    ]);
    expect(userPoolRegion('us-gov-west-1_XyZ9')).toBe('us-gov-west-1');
  });

  it.each(['1eu-west-1_AbC123', 'eu-west-1_AbC123!'])('refuses the user pool id %s', (id) => {
    expect(problems({ accountSources: [{ userPoolId: id }] })).toEqual([
      'accountSources.0.userPoolId: must be a user pool id such as eu-west-1_AbC123',
    ]);
    expect(userPoolRegion(id)).toBeUndefined();
  });

  it.each([`x${arn}`, `${arn}/clients`])('refuses the user pool ARN %s', (userPoolArn) => {
    expect(problems({ accountSources: [{ userPoolArn }] })).toEqual([
      'accountSources.0.userPoolArn: must be a user pool ARN such as arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbC123',
    ]);
  });

  it('refuses a source that names no pool', () => {
    expect(problems({ accountSources: [{ correlationAttribute: 'custom:hr_id' }] })).toEqual([
      'accountSources.0.userPoolId: needs a userPoolId or a userPoolArn',
    ]);
  });

  it('sets the rate of each quota category to its share of the quota', () => {
    const { rateLimits } = parseReconcileConfig(
      { rateLimits: { quotas: { UserList: 60, UserRead: 200 }, share: 0.5 } },
      'test',
    );
    expect(ratesOf(rateLimits)).toEqual({
      UserList: 30,
      UserUpdate: 12.5,
      UserRead: 100,
      UserPoolRead: 7.5,
    });
  });

  it('explains the per-category rates when a rate limit uses an unknown key', () => {
    expect(problems({ rateLimits: { perSecond: 5, burst: 2 } })).toEqual([
      'rateLimits: unknown key(s) perSecond, burst: rates are now set per quota category, e.g. {"quotas": {"UserList": 30, "UserUpdate": 25}, "share": 0.95}',
    ]);
    expect(problems({ rateLimits: 'fast' })).toEqual([
      'rateLimits: Invalid input: expected object, received string',
    ]);
  });
});
