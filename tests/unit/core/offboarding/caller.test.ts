import { describe, expect, it } from 'vitest';
import { isHrIntegrationCaller, isRoleArn } from '../../../../functions/core/offboarding/caller.js';

const ROLE = 'arn:aws:iam::111122223333:role/integrations/hr-integration';

describe('who may call the offboarding API', () => {
  it('serves sessions of the HR integration role, whatever the session name', () => {
    expect(
      isHrIntegrationCaller(
        'arn:aws:sts::111122223333:assumed-role/hr-integration/workday-42',
        ROLE,
      ),
    ).toBe(true);
  });

  it.each([
    ['another role', 'arn:aws:sts::111122223333:assumed-role/admin/alice'],
    [
      'the same role name in another account',
      'arn:aws:sts::999988887777:assumed-role/hr-integration/x',
    ],
    ['an IAM user', 'arn:aws:iam::111122223333:user/hr-integration'],
    [
      'a role whose name only starts the same',
      'arn:aws:sts::111122223333:assumed-role/hr-integration-old/x',
    ],
    ['no identity', undefined],
  ])('refuses %s', (_what, userArn) => {
    expect(isHrIntegrationCaller(userArn, ROLE)).toBe(false);
  });
});

describe('reading role ARNs', () => {
  it.each([
    ['a role without a path', 'arn:aws:iam::111122223333:role/hr-integration', true],
    ['a role with a path', 'arn:aws:iam::111122223333:role/a/b/hr-integration', true],
    ['a GovCloud role', 'arn:aws-us-gov:iam::111122223333:role/hr-integration', true],
    ['text before the ARN', 'xarn:aws:iam::111122223333:role/hr-integration', false],
    ['a space in the name', 'arn:aws:iam::111122223333:role/hr integration', false],
    ['an IAM user', 'arn:aws:iam::111122223333:user/hr-integration', false],
  ])('%s', (_, arn, ok) => {
    expect(isRoleArn(arn)).toBe(ok);
  });

  it('serves the role in its own partition only', () => {
    const gov = 'arn:aws-us-gov:iam::111122223333:role/hr-integration';
    const govSession = 'arn:aws-us-gov:sts::111122223333:assumed-role/hr-integration/x';
    expect(isHrIntegrationCaller(govSession, gov)).toBe(true);
    expect(
      isHrIntegrationCaller('arn:aws:sts::111122223333:assumed-role/hr-integration/x', gov),
    ).toBe(false);
  });

  it.each([
    ['text before the session ARN', 'xarn:aws:sts::111122223333:assumed-role/hr-integration/x'],
    ['a space in the session name', 'arn:aws:sts::111122223333:assumed-role/hr-integration/x y'],
  ])('refuses a malformed caller: %s', (_, userArn) => {
    expect(isHrIntegrationCaller(userArn, ROLE)).toBe(false);
  });
});
