import { describe, expect, it } from 'vitest';
import {
  disableAgain,
  disableAgainId,
} from '../../../../functions/core/reconcile/enabled-again.js';
import type { Finding } from '../../../../functions/core/reconcile/situation.js';
import { account } from '../../fakes/builders.js';
import { findingOf } from '../../fakes/offboarding-people.js';

const RUN_STARTED = new Date('2026-11-29T12:00:00Z');
const EARLIER = { actionId: 'first', at: new Date('2026-11-29T12:00:00Z') };
const STATE = { disabledByWarden: new Map([['sub-ben', EARLIER]]), orphanFirstSeen: new Map() };

const planned = (fields: Partial<Finding> = {}): Finding =>
  findingOf({
    accountKey: 'sub-ben',
    situation: 'leaver',
    action: 'disable',
    actionId: 'leaver-id',
    reason: 'left',
    ...fields,
  });

describe('disabling again an account enabled outside Warden', () => {
  it('gives a disable Warden made before the run began a new id that follows from it', () => {
    const finding = disableAgain(account('ben'), planned(), STATE, RUN_STARTED);
    expect(finding.actionId).toBe(disableAgainId(planned(), EARLIER));
    expect(finding.actionId).not.toBe(disableAgainId(planned(), { ...EARLIER, actionId: 'x' }));
    expect(finding.reason).toBe(
      'left; Warden disabled the account at 2026-11-29T12:00:00.000Z (action first) and it has been enabled again outside Warden',
    );
  });

  it('leaves alone a plan that is no disable, an account that is disabled, or one Warden never disabled', () => {
    const none = planned({ action: 'none', actionId: undefined });
    expect(disableAgain(account('ben'), none, STATE, RUN_STARTED)).toBe(none);
    const disabled = account('ben', { enabled: false });
    expect(disableAgain(disabled, planned(), STATE, RUN_STARTED)).toEqual(planned());
    const other = planned({ accountKey: 'sub-cruz' });
    expect(disableAgain(account('cruz'), other, STATE, RUN_STARTED)).toBe(other);
  });

  it('leaves alone a plan when Warden disabled the account only after the run began', () => {
    const later = new Date(RUN_STARTED.getTime() - 1);
    expect(disableAgain(account('ben'), planned(), STATE, later)).toEqual(planned());
  });
});
