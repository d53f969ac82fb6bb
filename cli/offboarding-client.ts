import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { ApiCall } from '../local/local-offboarding.js';
import { CliError, EXIT } from './exit-codes.js';

/** The stack output the CLI finds the offboarding API by. */
export const API_URL_OUTPUT = 'OffboardingApiUrl';

/** One output of a deployed stack; `missing` says what to do when the stack has none. */
export async function stackOutput(
  cloudFormation: CloudFormationClient,
  stackName: string,
  output: string,
  missing: string,
): Promise<string> {
  const { Stacks = [] } = await cloudFormation.send(
    new DescribeStacksCommand({ StackName: stackName }),
  );
  const value = Stacks[0]?.Outputs?.find((o) => o.OutputKey === output)?.OutputValue;
  if (!value)
    throw new CliError(`stack ${stackName} has no ${output} output: ${missing}`, EXIT.failure);
  return value;
}

/** The URL of a deployed stack's offboarding API, read from its CloudFormation outputs. */
export function apiUrlOf(cloudFormation: CloudFormationClient, stackName: string): Promise<string> {
  return stackOutput(
    cloudFormation,
    stackName,
    API_URL_OUTPUT,
    'deploy it with offboarding.hrIntegrationRoleArn set',
  );
}

/**
 * The offboarding API of a deployed stack: its URL from the stack's outputs, each request signed
 * with SigV4 (service `execute-api`) with the caller's own AWS credentials.
 */
export async function stackApi(stackName: string): Promise<ApiCall> {
  const cloudFormation = new CloudFormationClient({});
  const base = new URL(await apiUrlOf(cloudFormation, stackName));
  const signer = new SignatureV4({
    service: 'execute-api',
    region: await cloudFormation.config.region(),
    credentials: fromNodeProviderChain(),
    sha256: Hash.bind(null, 'sha256'),
  });
  return async (method, resource, options = {}) => {
    const path = resource.replace('{id}', encodeURIComponent(options.id ?? ''));
    const url = new URL(`${base.pathname.replace(/\/$/, '')}${path}`, base);
    for (const [name, value] of Object.entries(options.query ?? {}))
      url.searchParams.set(name, value);
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const signed = await signer.sign({
      method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: {
        host: url.host,
        'content-type': 'application/json',
        ...options.headers,
      },
      body,
    });
    const response = await fetch(url, { method, headers: signed.headers, body });
    const text = await response.text();
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(text) as Record<string, unknown>;
    } catch {
      parsed = { message: text.slice(0, 200) };
    }
    return { status: response.status, body: parsed };
  };
}
