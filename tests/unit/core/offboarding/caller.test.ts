import { describe, expect, it } from 'vitest';
import { isHrIntegrationCaller } from '../../../../functions/core/offboarding/caller.js';

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
