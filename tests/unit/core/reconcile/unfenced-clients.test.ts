import { describe, expect, it } from 'vitest';
import { renderJsonReport } from '../../../../functions/core/reconcile/render-report.js';
import { summariseRun } from '../../../../functions/core/reconcile/summarise-run.js';
import { whatIf } from '../../../../functions/core/reconcile/what-if.js';
import { account, config, feed } from '../../fakes/builders.js';

describe('app clients named as unfenced', () => {
  const unfencedClients = [
    { clientId: 'm2m-batch', reason: 'Batch job signs in a service account' },
  ];

  it('are reported, with their reasons, in every run report and notification', () => {
    const { run, findings } = whatIf(
      feed(['E1,ana@x.org,Ana,active,']),
      [account('ana', { employeeId: 'E1' })],
      config({ unfencedClients }),
      new Date('2026-11-29T12:00:00Z'),
      'run-1',
    );
    expect(run.unfencedClients).toEqual(unfencedClients);
    expect(JSON.parse(renderJsonReport(run, findings)).unfencedClients).toEqual(unfencedClients);
    expect(summariseRun(run).message).toContain(
      'Unfenced app clients (sign-ins without the geo fence, by configuration): m2m-batch.',
    );
  });

  it('leave no trace when there are none', () => {
    const { run } = whatIf(
      feed(['E1,ana@x.org,Ana,active,']),
      [],
      config(),
      new Date('2026-11-29T12:00:00Z'),
      'run-1',
    );
    expect(run.unfencedClients).toBeUndefined();
    expect(summariseRun(run).message).not.toContain('Unfenced');
  });
});
