import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { parseDeploymentConfig } from '../../functions/core/config/deployment-config.js';
import { withPolicyFile } from '../../infra/load-config.js';
import { WardenStack } from '../../infra/warden-stack.js';

export const ENV = { account: '111122223333', region: 'us-east-1' };

/** A configuration from config/, its geo policy file resolved as `cdk synth -c config=` does. */
export function configFile(name: string): unknown {
  return withPolicyFile(JSON.parse(readFileSync(join('config', name), 'utf8')), 'config');
}

type Synthesised = { template: Template; outdir: string; templateFile: string };

// The infra files share their worker's modules (isolate: false), so a configuration synthesised
// for one file is reused by the next: each synth bundles every function, seconds apiece.
const synthesised = new Map<string, Synthesised>();

/**
 * Synthesises the stack in memory, with cdk-nag's AWS Solutions checks, into a fresh folder, once
 * per configuration in a worker. The result is shared: read it, never change it.
 */
export function synth(rawConfig: unknown): Synthesised {
  const key = JSON.stringify(rawConfig);
  const earlier = synthesised.get(key);
  if (earlier) return earlier;
  const fresh = synthAnew(rawConfig);
  synthesised.set(key, fresh);
  return fresh;
}

function synthAnew(rawConfig: unknown): Synthesised {
  const outdir = mkdtempSync(join(tmpdir(), 'warden-synth-'));
  const app = new App({ outdir });
  const stack = new WardenStack(app, 'Warden', {
    config: parseDeploymentConfig(rawConfig, 'test'),
    env: ENV,
  });
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app, { writeSuppressionsToCloudFormation: true }),
  );
  const assembly = app.synth();
  return {
    template: Template.fromStack(stack),
    outdir,
    templateFile: join(outdir, assembly.getStackByName('Warden').templateFile),
  };
}
