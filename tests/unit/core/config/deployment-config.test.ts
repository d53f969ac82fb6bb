import { describe, expect, it } from 'vitest';
import {
  isDeploymentConfig,
  parseDeploymentConfig,
  reconcileSettings,
} from '../../../../functions/core/config/deployment-config.js';
import { parseReconcileConfig } from '../../../../functions/core/config/reconcile-config.js';
import { problemsOf } from './config-problems.js';

const problems = (raw: unknown) => problemsOf(() => parseDeploymentConfig(raw, 'bad.json'));

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
  it("tells a deployment's configuration from the reconcile function's by the fields only a deployment has", () => {
    expect(isDeploymentConfig({ dryRun: true, retention: { reportDays: 30 } })).toBe(true);
    expect(isDeploymentConfig({ schedule: {} })).toBe(true);
    expect(isDeploymentConfig({ dryRun: true, feed: { timeZone: 'UTC' }, guard: {} })).toBe(false);
    expect(isDeploymentConfig({})).toBe(false);
    expect(isDeploymentConfig(null)).toBe(false);
    expect(isDeploymentConfig(['schedule'])).toBe(false);
  });

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

describe('deployment configuration, field by field', () => {
  const policy = { default: { allowedCountries: ['MX'], outside: 'require_mfa' } };
  const interval = (schedule: Record<string, unknown>) =>
    parseDeploymentConfig({ schedule }, 't').schedule.intervalHours;

  it('defaults to an hourly run in UTC, no notifications, the default console and retention', () => {
    const config = parseDeploymentConfig({}, 't');
    expect(config.schedule).toEqual({
      expression: 'cron(0 * * * ? *)',
      timeZone: 'UTC',
      intervalHours: 1,
    });
    expect(config.notificationEmails).toEqual([]);
    expect(config.console).toEqual({ sessionMinutes: 60 });
    expect(config.retention).toEqual({ reportDays: 730, feedDays: 30, logDays: 365 });
  });

  it('accepts only a whole schedule expression, with multi-character cron fields', () => {
    for (const expression of [
      'xrate(6 hours)',
      'rate(6 hours)x',
      'xcron(0 * * * ? *)',
      'cron(0 * * * ? *)x',
    ]) {
      expect(problems({ schedule: { expression } })).toEqual([
        'schedule.expression: must be cron(min hour day month weekday year) or rate(N minutes|hours|days)',
      ]);
    }
    expect(interval({ expression: 'cron(0 6 1,15 JAN-JUN ? 2026-2030)', intervalHours: 84 })).toBe(
      84,
    );
  });

  it.each([
    ['every 5 minutes', 'cron(*/5 * * * ? *)'],
    ['every 15 minutes from 0', 'cron(0/15 * * * ? *)'],
    ['every 2 hours from 6', 'cron(0 6/2 * * ? *)'],
    ['on weekdays', 'cron(0 6 ? * MON-FRI *)'],
    ['on the first of the month', 'cron(0 6 1 * ? *)'],
  ])('asks for the interval of a cron schedule that runs %s', (_, expression) => {
    expect(problems({ schedule: { expression } })).toEqual([
      `schedule.intervalHours: is required for ${expression}: the hours between runs, for the "no successful run" alarm`,
    ]);
  });

  it('works out a daily run at a two-digit hour, and refuses an interval over 84 hours', () => {
    expect(interval({ expression: 'cron(30 12 * * ? *)' })).toBe(24);
    expect(interval({ expression: 'rate(1 hour)' })).toBe(1);
    expect(
      problems({ schedule: { expression: 'cron(0 6 ? * MON *)', intervalHours: 168 } }),
    ).toEqual([
      'schedule.intervalHours: must be at most 84: the alarm watches two intervals, and CloudWatch looks back at most 7 days',
    ]);
  });

  it('accepts a deployment that names its pools and wants no demo pool', () => {
    const config = parseDeploymentConfig(
      { accountSources: [{ userPoolId: 'eu-west-1_AbC123' }], demoUserPool: false },
      't',
    );
    expect(config.accountSources.map((s) => s.userPoolId)).toEqual(['eu-west-1_AbC123']);
  });

  describe('the console', () => {
    const saml = { type: 'saml', name: 'Okta', metadataUrl: 'https://idp.example.org/metadata' };
    const oidc = {
      type: 'oidc',
      name: 'entra.id_2',
      issuerUrl: 'https://login.example.org/v2.0',
      clientId: 'warden-console',
      clientSecretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:oidc-AbCdEf',
    };
    const consoleProblems = (settings: Record<string, unknown>) => problems({ console: settings });

    it('accepts a domain prefix, a session length and either kind of federation', () => {
      for (const federation of [saml, oidc]) {
        const settings = { domainPrefix: 'acme-staff', sessionMinutes: 30, federation };
        expect(parseDeploymentConfig({ console: settings }, 't').console).toEqual(settings);
      }
      expect(parseDeploymentConfig({ console: { domainPrefix: 'a' } }, 't').console).toEqual({
        domainPrefix: 'a',
        sessionMinutes: 60,
      });
    });

    it.each(['-acme', 'acme-', 'Acme', 'acme_staff'])(
      'refuses the domain prefix %s',
      (domainPrefix) => {
        expect(consoleProblems({ domainPrefix })).toEqual([
          'console.domainPrefix: must be lower-case letters, digits and -',
        ]);
      },
    );

    it('refuses a domain prefix that names AWS, Amazon or Cognito', () => {
      for (const domainPrefix of ['my-aws-staff', 'amazon1', 'cognito-login']) {
        expect(consoleProblems({ domainPrefix })).toEqual([
          'console.domainPrefix: may not contain aws, amazon or cognito',
        ]);
      }
    });

    it.each(['!okta', 'okta!', 'o'.repeat(33), ''])('refuses the provider name "%s"', (name) => {
      expect(consoleProblems({ federation: { ...saml, name } })).toEqual([
        'console.federation.name: must be 1 to 32 letters, digits, _ . or -',
      ]);
    });

    it('refuses COGNITO as a provider name: it is the staff pool itself', () => {
      expect(consoleProblems({ federation: { ...oidc, name: 'COGNITO' } })).toEqual([
        'console.federation.name: COGNITO is the staff pool itself',
      ]);
    });

    it('names the bad address or ARN of a provider', () => {
      expect(consoleProblems({ federation: { ...saml, metadataUrl: 'metadata.xml' } })).toEqual([
        'console.federation.metadataUrl: must be the URL of the SAML metadata document',
      ]);
      expect(
        consoleProblems({
          federation: { ...oidc, issuerUrl: 'login', clientSecretArn: 'oidc-secret' },
        }),
      ).toEqual([
        'console.federation.issuerUrl: must be the issuer URL',
        'console.federation.clientSecretArn: must be a Secrets Manager ARN',
      ]);
      expect(consoleProblems({ federation: { ...oidc, clientId: '' } })).toEqual([
        expect.stringMatching(/^console\.federation\.clientId: /),
      ]);
    });
  });

  describe('geo-fenced sign-in', () => {
    const gateway = {
      userPoolId: 'eu-west-1_AbC123',
      clientId: 'gateway-client',
      clientSecretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:gw-AbCdEf',
      smsRoleArn: 'arn:aws:iam::123456789012:role/cognito-sms',
    };

    it('defaults to reporting posture, no WAF and the documented limits', () => {
      const { geo } = parseDeploymentConfig({ geo: { policy, codeSender: 'codes@x.org' } }, 't');
      expect(geo).toMatchObject({
        attemptsPerMinute: 10,
        attemptsPerUsernamePerMinute: 5,
        tokens: { accessMinutes: 15, refreshHours: 8 },
        unfencedClients: [],
        signInRecordDays: 400,
        keyRotationDays: 30,
        posture: 'report',
        waf: false,
      });
      expect(geo?.gateway).toBeUndefined();
    });

    it('accepts a configured gateway client and settings inside their limits', () => {
      const settings = {
        gateway,
        attemptsPerMinute: 20,
        attemptsPerUsernamePerMinute: 8,
        tokens: { accessMinutes: 10, refreshHours: 12 },
        unfencedClients: [
          { clientId: 'm2m-client', reason: 'Nightly HR sync, no person signs in' },
        ],
        signInRecordDays: 30,
        keyRotationDays: 90,
        posture: 'report',
        waf: true,
      };
      const { geo } = parseDeploymentConfig(
        { geo: { policy, codeSender: 'codes@x.org', ...settings } },
        't',
      );
      expect(geo).toMatchObject(settings);
    });

    it('names each bad field of the gateway, the sender and the unfenced clients', () => {
      expect(
        problems({
          geo: {
            policy,
            codeSender: 'codes',
            gateway: { ...gateway, clientSecretArn: 'gw-secret', smsRoleArn: 'cognito-sms' },
            unfencedClients: [{ clientId: 'm2m-client', reason: 'sync' }],
          },
        }),
      ).toEqual([
        'geo.codeSender: must be the SES-verified address that sends the codes',
        'geo.gateway.clientSecretArn: must be a Secrets Manager ARN',
        'geo.gateway.smsRoleArn: must be an IAM role ARN',
        'geo.unfencedClients.0.reason: must say why, in a sentence',
      ]);
    });
  });

  it('accepts the HR integration role, and names a value that is not a role ARN', () => {
    const hrIntegrationRoleArn = 'arn:aws:iam::123456789012:role/hr-integration';
    expect(
      parseDeploymentConfig({ offboarding: { hrIntegrationRoleArn } }, 't').offboarding,
    ).toEqual({ hrIntegrationRoleArn });
    expect(problems({ offboarding: { hrIntegrationRoleArn: 'hr-integration' } })).toEqual([
      'offboarding.hrIntegrationRoleArn: must be an IAM role ARN such as arn:aws:iam::123456789012:role/hr-integration',
    ]);
  });

  it('accepts only an https:// console address', () => {
    const consoleUrl = 'https://console.example.org';
    expect(parseDeploymentConfig({ consoleUrl }, 't').consoleUrl).toBe(consoleUrl);
    for (const url of [
      'http://console.example.org',
      'xhttps://console.example.org',
      'httpsx://console.example.org',
    ]) {
      expect(problems({ consoleUrl: url })).toEqual(['consoleUrl: must be an https:// address']);
    }
  });

  it('accepts retention periods of its own', () => {
    const retention = { reportDays: 365, feedDays: 7, logDays: 90 };
    expect(parseDeploymentConfig({ retention }, 't').retention).toEqual(retention);
  });
});
