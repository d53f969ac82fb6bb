import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { App } from 'aws-cdk-lib';
import {
  type DeploymentConfig,
  parseDeploymentConfig,
} from '../functions/core/config/deployment-config.js';

/**
 * The deployment's configuration: the file named by `-c config=path`, else the `warden` object
 * in cdk.json's context, else the defaults (a dry-run over a demo user pool).
 */
export function loadDeploymentConfig(app: App): DeploymentConfig {
  const path = app.node.tryGetContext('config') as string | undefined;
  if (path) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new Error(`cannot read the configuration ${path}: ${(error as Error).message}`);
    }
    return parseDeploymentConfig(withPolicyFile(raw, dirname(path)), path);
  }
  return parseDeploymentConfig(app.node.tryGetContext('warden') ?? {}, 'cdk.json context "warden"');
}

/** `geo.policy` may name a policy file (relative to the configuration), kept in version control. */
export function withPolicyFile(raw: unknown, base: string): unknown {
  const geo = (raw as { geo?: { policy?: unknown } } | null)?.geo;
  if (typeof geo?.policy !== 'string') return raw;
  const file = resolve(base, geo.policy);
  let policy: unknown;
  try {
    policy = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read the geo policy ${file}: ${(error as Error).message}`);
  }
  return { ...(raw as object), geo: { ...geo, policy } };
}
