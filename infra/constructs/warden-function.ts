import { fileURLToPath } from 'node:url';
import { Duration } from 'aws-cdk-lib';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import { Architecture, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import {
  NodejsFunction,
  type NodejsFunctionProps,
  OutputFormat,
} from 'aws-cdk-lib/aws-lambda-nodejs';
import type { ILogGroup } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { BUNDLE_SETTINGS, chunkedCode } from './chunked-bundle.js';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface WardenFunctionProps {
  /** Entry file, relative to the project root, e.g. `functions/reconcile/handler.ts`. */
  entry: string;
  role: IRole;
  logGroup: ILogGroup;
  environment: Record<string, string>;
  timeout?: Duration;
  memorySize?: number;
  extra?: Partial<NodejsFunctionProps>;
}

/** What every Warden function shares, however it is bundled. */
function functionProps(props: WardenFunctionProps) {
  return {
    handler: 'handler',
    runtime: Runtime.NODEJS_24_X,
    architecture: Architecture.ARM_64,
    memorySize: props.memorySize ?? 512,
    timeout: props.timeout ?? Duration.seconds(5),
    role: props.role,
    logGroup: props.logGroup,
    environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
  };
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
    ...functionProps(props),
    entry: `${PROJECT_ROOT}${props.entry}`,
    bundling: {
      forceDockerBundling: false,
      format: OutputFormat.ESM,
      mainFields: [...BUNDLE_SETTINGS.mainFields],
      target: BUNDLE_SETTINGS.target,
      minify: true,
      sourceMap: true,
      // Stack traces need the mappings, not a copy of the sources.
      sourcesContent: false,
      externalModules: [],
      banner: BUNDLE_SETTINGS.banner,
    },
    ...props.extra,
  });
}

/**
 * A function on the sign-in path: like `wardenFunction`, but bundled in chunks, so that what
 * its handler loads on the first invocation (the AWS clients) is not even parsed during init
 * (docs/decisions/0031). `files` are copied beside the bundle.
 */
export function signInFunction(
  scope: Construct,
  id: string,
  props: Omit<WardenFunctionProps, 'extra'> & { files?: string[] },
): LambdaFunction {
  return new LambdaFunction(scope, id, {
    ...functionProps(props),
    handler: 'index.handler',
    code: chunkedCode(PROJECT_ROOT, props.entry, props.files ?? []),
  });
}
