import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CFN_LINT, ensurePythonTool } from '../../local/python-tool.js';
import { configFile, ENV, synth } from './synth.js';

type Suppression = { id: string; reason: string };
const synthesised = new Map<string, ReturnType<typeof synth>>();

beforeAll(() => {
  // Both synths run cdk-nag's AWS Solutions checks; an unacknowledged error makes synth throw.
  synthesised.set('example', synth(configFile('example.json')));
  synthesised.set('minimal without pools', synth({}));
  const {
    gateway: _externalPool,
    waf: _waf,
    ...geo
  } = (configFile('example.json') as { geo: Record<string, unknown> }).geo;
  synthesised.set('demo pool with geo-fenced sign-in, no WAF', synth({ geo }));
  // Three synths bundle every function three times: minutes on a busy two-core machine.
}, 400_000);

/**
 * Logical ids carry a hash, and CDK's asset bucket the test's account and region; the
 * documentation names them without the hash, and with CloudFormation's placeholders.
 */
const withoutHashes = (id: string) =>
  id
    .replace(/<([A-Za-z0-9]+?)[0-9A-F]{8}(\.Arn)?>/g, '<$1$2>')
    .replaceAll(`-${ENV.account}-${ENV.region}/`, '-<AWS::AccountId>-<AWS::Region>/');

describe('compliance of the synthesised stack', () => {
  it('passes cdk-nag AwsSolutionsChecks, and every acknowledgement has a reason listed in docs/security.md', () => {
    const doc = readFileSync('docs/security.md', 'utf8');
    const acknowledged = new Map<string, string>();
    for (const { template } of synthesised.values()) {
      for (const resource of Object.values(template.toJSON().Resources) as {
        Metadata?: { cdk_nag?: { rules_to_suppress: Suppression[] } };
      }[]) {
        for (const { id, reason } of resource.Metadata?.cdk_nag?.rules_to_suppress ?? []) {
          if (id.startsWith('AwsSolutions-')) acknowledged.set(withoutHashes(id), reason);
        }
      }
    }
    expect(acknowledged.size).toBeGreaterThan(0);
    for (const [id, reason] of acknowledged) {
      expect(reason.length, id).toBeGreaterThan(30);
      expect(doc, `docs/security.md must list ${id}`).toContain(`\`${id}\``);
    }
  });

  it('passes cfn-lint with no errors', () => {
    const cfnLint = ensurePythonTool(CFN_LINT);
    for (const [name, { templateFile }] of synthesised) {
      const result = spawnSync(cfnLint, ['--format', 'parseable', templateFile], {
        encoding: 'utf8',
      });
      // cfn-lint's exit status is a bit mask: 2 errors, 4 warnings, 8 informational.
      expect(
        result.status === null ? 2 : result.status & 2,
        `${name}:\n${result.stdout}${result.stderr}`,
      ).toBe(0);
    }
  }, 300_000);
});
