import { describe, expect, it } from 'vitest';
import { correlate } from '../../../../functions/core/reconcile/correlate.js';
import { indexRoster } from '../../../../functions/core/reconcile/roster-index.js';
import { account, feed } from '../../fakes/builders.js';

const ROSTER = indexRoster(
  feed(['E1,ana@x.org,Ana,active,', 'E2,ben@x.org,Ben,leaver,2025-01-31']),
);
const tie = (fields: Parameters<typeof account>[1]) => correlate(account('u', fields), ROSTER);

describe('correlation', () => {
  it('ties an account to its HR record by the immutable employee id first', () => {
    expect(tie({ employeeId: 'E1', email: 'ana@x.org' })).toMatchObject({
      kind: 'employee_id',
      record: { employeeId: 'E1' },
    });
    expect(tie({ employeeId: 'E2' })).toMatchObject({
      kind: 'employee_id',
      record: { employeeId: 'E2' },
    });
  });

  it('trusts the employee id over an email that no record has', () => {
    expect(tie({ employeeId: 'E1', email: 'ana.private@y.org' }).kind).toBe('employee_id');
  });

  it('falls back to the trimmed, case-folded email when the account has no employee id', () => {
    expect(tie({ email: '  Ben@X.ORG ' })).toMatchObject({
      kind: 'email',
      record: { employeeId: 'E2' },
    });
  });

  it('calls it a conflict when the employee id and the email point at different people', () => {
    expect(tie({ employeeId: 'E1', email: 'ben@x.org' })).toEqual({
      kind: 'conflict',
      record: expect.objectContaining({ employeeId: 'E1' }),
      reason: 'employee id matches E1 but email matches E2',
    });
  });

  it('calls it a conflict when the employee id is not in the feed but the email is', () => {
    expect(tie({ employeeId: 'E9', email: 'ana@x.org' })).toEqual({
      kind: 'conflict',
      record: expect.objectContaining({ employeeId: 'E1' }),
      reason: 'employee id E9 is not in the feed but the email matches E1',
    });
  });

  it('finds no record for an account neither key ties to anyone', () => {
    expect(tie({ employeeId: 'E9', email: 'nobody@x.org' })).toEqual({ kind: 'none' });
    expect(tie({ employeeId: 'E9' })).toEqual({ kind: 'none' });
    expect(tie({ email: 'nobody@x.org' })).toEqual({ kind: 'none' });
    expect(tie({})).toEqual({ kind: 'none' });
  });
});

describe('correlation through an email several HR records carry', () => {
  // Ana left as E1, came back as E7, and her email went with her; E5 is an older record of hers.
  const SHARED = indexRoster(
    feed([
      'E5,ana@x.org,Ana,leaver,2020-03-31',
      'E1,ana@x.org,Ana,leaver,2024-06-30',
      'E7,ana@x.org,Ana,active,',
    ]),
  );
  const tieShared = (fields: Parameters<typeof account>[1]) =>
    correlate(account('u', fields), SHARED);

  it('ties an account to the record holding the email now, and names the others', () => {
    const note = 'the email is also on HR record E5 (leaver), E1 (leaver)';
    expect(tieShared({ employeeId: 'E7', email: 'ana@x.org' })).toEqual({
      kind: 'employee_id',
      record: expect.objectContaining({ employeeId: 'E7' }),
      note,
    });
    expect(tieShared({ email: 'ana@x.org' })).toEqual({
      kind: 'email',
      record: expect.objectContaining({ employeeId: 'E7' }),
      note,
    });
  });

  it('calls an account of an earlier record a conflict: a rehire still using the old account', () => {
    expect(tieShared({ employeeId: 'E1' })).toEqual({
      kind: 'conflict',
      record: expect.objectContaining({ employeeId: 'E1' }),
      reason:
        'employee id E1 is a leaver whose email now belongs to active record E7 (rehired under a new id?)',
    });
  });

  it('says when the HR record has no email to confirm the match', () => {
    const noEmail = indexRoster(feed(['E3,,Cruz,active,']));
    expect(correlate(account('u', { employeeId: 'E3' }), noEmail)).toEqual({
      kind: 'employee_id',
      record: expect.objectContaining({ employeeId: 'E3' }),
      note: 'the HR record has no email: matched by employee id alone',
    });
  });
});
