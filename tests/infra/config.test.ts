import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDeploymentConfig } from '../../functions/core/config/deployment-config.js';
import { configFile, synth } from './synth.js';

describe('deployment configuration', () => {
  it('accepts the documented example and the minimal configuration', () => {
    expect(parseDeploymentConfig(configFile('example.json'), 'example').schedule).toEqual({
      expression: 'cron(0 * * * ? *)',
      timeZone: 'America/Mexico_City',
      intervalHours: 1,
    });
    const minimal = parseDeploymentConfig(configFile('minimal.json'), 'minimal');
    expect(minimal).toMatchObject({
      dryRun: true,
      // Hourly by default: the exposure window after HR's feed says someone left.
      schedule: { expression: 'cron(0 * * * ? *)', timeZone: 'UTC', intervalHours: 1 },
    });
  });

  it('takes the console address only over https', () => {
    expect(() =>
      parseDeploymentConfig({ consoleUrl: 'http://console.example.org' }, 'test'),
    ).toThrow(/consoleUrl: must be an https:\/\/ address/);
    expect(parseDeploymentConfig({}, 'test').consoleUrl).toBeUndefined();
  });

  it('a minimal configuration without pools deploys a demo user pool to govern', () => {
    const { template } = synth({});
    // The demo pool, beside the console's staff pool.
    template.resourceCountIs('AWS::Cognito::UserPool', 2);
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolName: 'warden-demo',
      Schema: [
        {
          Name: 'employee_id',
          AttributeDataType: 'String',
          Mutable: false,
          StringAttributeConstraints: { MaxLength: '64' },
        },
      ],
      MfaConfiguration: 'ON',
    });
  }, 120_000);

  it('cdk synth fails with the field named for an invalid configuration file', () => {
    const file = join(tmpdir(), `warden-bad-config-${process.pid}.json`);
    writeFileSync(file, JSON.stringify({ accountSources: [{ userPoolId: 'not-a-pool' }] }));
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'infra/app.ts'], {
      encoding: 'utf8',
      env: {
        ...process.env,
        CDK_CONTEXT_JSON: JSON.stringify({ config: file }),
        CDK_OUTDIR: join(tmpdir(), `warden-out-${process.pid}`),
      },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`invalid configuration in ${file}:`);
    expect(result.stderr).toContain(
      'accountSources.0.userPoolId: must be a user pool id such as eu-west-1_AbC123',
    );
  }, 60_000);
});
