import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ConfigError } from '../functions/core/shared/errors.js';
import { loadDeploymentConfig } from './load-config.js';
import { WardenStack } from './warden-stack.js';

const app = new App();
try {
  const config = loadDeploymentConfig(app);
  new WardenStack(app, (app.node.tryGetContext('stackName') as string | undefined) ?? 'Warden', {
    config,
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  });
} catch (error) {
  // A bad configuration stops synth with the field named, not a stack trace.
  console.error(
    error instanceof ConfigError ? error.message : `warden: ${(error as Error).message}`,
  );
  process.exit(1);
}
Validations.of(app).addPlugins(
  new AwsSolutionsChecks(app, { writeSuppressionsToCloudFormation: true }),
);
app.synth();
