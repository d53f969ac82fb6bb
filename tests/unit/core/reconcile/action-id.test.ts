import { describe, expect, it } from 'vitest';
import { actionId } from '../../../../functions/core/reconcile/action-id.js';

describe('action ids', () => {
  it('are the same for the same change, so a re-run recognises work already done', () => {
    expect(actionId('disable', 'pool', 'sub-1', 'leaver:E2:2025-01-31')).toBe(
      actionId('disable', 'pool', 'sub-1', 'leaver:E2:2025-01-31'),
    );
    expect(actionId('disable', 'pool', 'sub-1', 'x')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('differ when any part of the change differs, even where joined text would agree', () => {
    const ids = [
      actionId('disable', 'pool', 'sub-1', 'leaver:E2'),
      actionId('disable', 'pool', 'sub-2', 'leaver:E2'),
      actionId('disable', 'pool-b', 'sub-1', 'leaver:E2'),
      actionId('disable', 'pool', 'sub-1', 'orphan:E2'),
      actionId('disable', 'pool', 'sub-1leaver:E2', ''),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });
});
