import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../functions/core/shared/errors.js';
import {
  createPoolFenceHandler,
  NOT_ATTACHED_ID,
} from '../../../functions/pool-fence/create-handler.js';
import type { FenceResponse } from '../../../functions/pool-fence/fence-event.js';

const ENVELOPE = {
  ResponseURL: 'https://cloudformation-custom-resource-response.example/r',
  StackId: 'arn:aws:cloudformation:us-east-1:111122223333:stack/Warden/1',
  RequestId: 'req-1',
  LogicalResourceId: 'PoolFence',
};
const arn = (name: string) => `arn:aws:lambda:us-east-1:111122223333:function:${name}`;
const PROPERTIES = {
  UserPoolId: 'us-east-1_pool',
  GatewayClientId: 'gateway',
  Triggers: {
    PreAuthentication: arn('a'),
    DefineAuthChallenge: arn('b'),
    CreateAuthChallenge: arn('c'),
    VerifyAuthChallengeResponse: arn('d'),
    PreTokenGeneration: arn('e'),
  },
};

/** A handler whose set-up fails as given, and the answers it sent CloudFormation. */
function fence(setUp: () => Promise<never> = () => Promise.reject(new Error('not reached'))) {
  const answers: FenceResponse[] = [];
  const handle = createPoolFenceHandler(setUp, (_url, response) => {
    answers.push(response);
    return Promise.resolve();
  });
  return { handle, answers };
}

describe('the pool fence answers CloudFormation whatever arrives', () => {
  it('fails a Create whose properties are wrong, naming the field, and attaches nothing', async () => {
    const { handle, answers } = fence();
    const event = {
      ...ENVELOPE,
      RequestType: 'Create',
      ResourceProperties: { ...PROPERTIES, UserPoolId: '' },
    };
    await expect(handle(event)).rejects.toBeInstanceOf(InvalidInputError);
    const { ResponseURL: _, ...answeredTo } = ENVELOPE;
    expect(answers).toEqual([
      {
        ...answeredTo,
        Status: 'FAILED',
        Reason: expect.stringContaining('ResourceProperties.UserPoolId'),
        PhysicalResourceId: NOT_ATTACHED_ID,
      },
    ]);
  });

  it('lets the rollback of that Create delete it, since nothing was attached', async () => {
    const { handle, answers } = fence();
    const event = {
      ...ENVELOPE,
      RequestType: 'Delete',
      PhysicalResourceId: NOT_ATTACHED_ID,
      ResourceProperties: { ...PROPERTIES, UserPoolId: '' },
    };
    await expect(handle(event)).rejects.toBeInstanceOf(InvalidInputError);
    expect(answers).toMatchObject([{ Status: 'SUCCESS', PhysicalResourceId: NOT_ATTACHED_ID }]);
    expect(answers[0]).not.toHaveProperty('Reason');
  });

  it('fails the Delete of an attached fence whose properties it cannot read', async () => {
    const { handle, answers } = fence();
    const event = {
      ...ENVELOPE,
      RequestType: 'Delete',
      PhysicalResourceId: 'warden-fence:us-east-1_pool',
      ResourceProperties: { ...PROPERTIES, Triggers: {} },
    };
    await expect(handle(event)).rejects.toBeInstanceOf(InvalidInputError);
    expect(answers).toMatchObject([
      {
        Status: 'FAILED',
        PhysicalResourceId: 'warden-fence:us-east-1_pool',
        Reason: expect.stringContaining('ResourceProperties.Triggers'),
      },
    ]);
  });

  it('fails the event when the function cannot start, by error name', async () => {
    const { handle, answers } = fence(() =>
      Promise.reject(Object.assign(new Error('TABLE missing'), { name: 'ConfigError' })),
    );
    await expect(
      handle({
        ...ENVELOPE,
        RequestType: 'Update',
        PhysicalResourceId: 'warden-fence:us-east-1_pool',
        ResourceProperties: PROPERTIES,
      }),
    ).rejects.toThrow('TABLE missing');
    expect(answers).toEqual([
      {
        Status: 'FAILED',
        Reason: 'the pool fence could not start: ConfigError',
        PhysicalResourceId: 'warden-fence:us-east-1_pool',
        StackId: ENVELOPE.StackId,
        RequestId: ENVELOPE.RequestId,
        LogicalResourceId: ENVELOPE.LogicalResourceId,
      },
    ]);
  });

  it('cannot answer an event that does not say where to, and only refuses it', async () => {
    const { handle, answers } = fence();
    await expect(
      handle({ RequestType: 'Create', ResourceProperties: PROPERTIES }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    expect(answers).toEqual([]);
  });
});
