import { fileURLToPath } from 'node:url';
import { Duration } from 'aws-cdk-lib';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import {
  type BundlingOptions,
  NodejsFunction,
  type NodejsFunctionProps,
  OutputFormat,
} from 'aws-cdk-lib/aws-lambda-nodejs';
import type { ILogGroup } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface WardenFunctionProps {
  /** Entry file, relative to the project root, e.g. `functions/reconcile/handler.ts`. */
  entry: string;
  role: IRole;
  logGroup: ILogGroup;
  environment: Record<string, string>;
  timeout?: Duration;
  memorySize?: number;
  commandHooks?: BundlingOptions['commandHooks'];
  extra?: Partial<NodejsFunctionProps>;
}

/**
 * Every Warden function the same way: ARM64, a current Node LTS, ESM bundled here with the
 * project's esbuild (no Docker) together with the SDK versions that were tested.
 */
export function wardenFunction(
  scope: Construct,
  id: string,
  props: WardenFunctionProps,
): NodejsFunction {
  return new NodejsFunction(scope, id, {
    entry: `${PROJECT_ROOT}${props.entry}`,
    handler: 'handler',
    runtime: Runtime.NODEJS_24_X,
    architecture: Architecture.ARM_64,
    memorySize: props.memorySize ?? 512,
    timeout: props.timeout ?? Duration.seconds(5),
    role: props.role,
    logGroup: props.logGroup,
    environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
    bundling: {
      forceDockerBundling: false,
      format: OutputFormat.ESM,
      mainFields: ['module', 'main'],
      target: 'node24',
      minify: true,
      sourceMap: true,
      externalModules: [],
      banner:
        "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
      commandHooks: props.commandHooks,
    },
    ...props.extra,
  });
}
