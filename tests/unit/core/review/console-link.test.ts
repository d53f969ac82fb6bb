import { describe, expect, it } from 'vitest';
import { runPageUrl, withRunLinks } from '../../../../functions/core/review/console-link.js';
import { MemoryNotifier } from '../../fakes/memory-services.js';

describe('links to the console', () => {
  it("point at the run's page, with the run id encoded in the fragment", () => {
    expect(runPageUrl('https://console.example//', 'r-1/x')).toBe(
      'https://console.example/#/runs/r-1%2Fx',
    );
  });

  it('end every run notice with the link, and leave notices alone without a console', async () => {
    const sns = new MemoryNotifier();
    await withRunLinks(sns, 'https://console.example').notify({
      runId: 'r-1',
      status: 'quarantined',
      subject: 's',
      message: 'Run r-1 quarantined',
    });
    expect(withRunLinks(sns, undefined)).toBe(sns);
    expect(sns.notices[0]?.message).toBe(
      'Run r-1 quarantined\nConsole: https://console.example/#/runs/r-1',
    );
  });
});
