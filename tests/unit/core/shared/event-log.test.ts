import { describe, expect, it } from 'vitest';
import { SILENT_LOG } from '../../../../functions/core/shared/event-log.js';

describe('SILENT_LOG', () => {
  it('takes progress and trouble and says nothing', () => {
    expect(SILENT_LOG.info('run started', { accounts: 3 })).toBeUndefined();
    expect(SILENT_LOG.warn('throttled', { retries: 1 })).toBeUndefined();
  });
});
