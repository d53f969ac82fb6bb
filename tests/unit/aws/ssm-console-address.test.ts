import { GetParameterCommand, ParameterNotFound, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { SsmConsoleAddress } from '../../../functions/aws/ssm-console-address.js';

const NAME = '/warden/Warden/console-url';
const ssm = mockClient(SSMClient);
const source = new SsmConsoleAddress(new SSMClient({ region: 'us-east-1' }), NAME);

beforeEach(() => ssm.reset());

describe("the console's address in SSM", () => {
  it('is the value of the named parameter', async () => {
    ssm
      .on(GetParameterCommand, { Name: NAME })
      .resolves({ Parameter: { Name: NAME, Value: 'https://d111.cloudfront.net/' } });
    await expect(source.read()).resolves.toBe('https://d111.cloudfront.net/');
  });

  it('is absent while the parameter does not exist', async () => {
    ssm
      .on(GetParameterCommand)
      .rejects(new ParameterNotFound({ message: 'not found', $metadata: {} }));
    await expect(source.read()).resolves.toBeUndefined();
  });

  it('passes other failures on, for the core to log and carry on without a link', async () => {
    ssm
      .on(GetParameterCommand)
      .rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    await expect(source.read()).rejects.toThrow('denied');
  });
});
