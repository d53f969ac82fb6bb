import { describe, expect, it } from 'vitest';
import { DryRunReportRows } from '../../../../functions/core/reconcile/dry-run-report-rows.js';
import {
  renderCsvReport,
  renderJsonReport,
} from '../../../../functions/core/reconcile/render-report.js';
import type { StoredFinding } from '../../../../functions/core/reconcile/run-record.js';
import { withOutcomes } from '../../../../functions/core/reconcile/stored-findings.js';
import { feed, startedRun } from '../../fakes/builders.js';
import { storedFinding } from '../../fakes/memory-review.js';

const RUN = startedRun(feed(['E1,a@x.org,,active,']), 'dry-run', new Date('2026-11-29T12:00:00Z'));

/** Leavers, orphans and active people, from two pools, without outcomes as a plan makes them. */
function planned(count: number) {
  const situations = ['leaver', 'active', 'orphan', 'active'] as const;
  return Array.from({ length: count }, (_, i) =>
    storedFinding(`user,"${i}"`, situations[i % 4] as (typeof situations)[number], {
      source: i < count / 2 ? 'pool-a' : 'pool-b',
    }),
  );
}

function added(findings: readonly StoredFinding[]) {
  const rows = new DryRunReportRows();
  for (const f of findings) rows.add(f);
  return rows;
}

describe("a dry-run's report rows, rendered as its accounts are listed", () => {
  it.each([0, 1, 499, 500, 1_234])(
    'join into the reports rendered at the end (%i findings)',
    (count) => {
      const findings = withOutcomes(planned(count), new Map());
      const reports = added(planned(count)).reportsOf(findings);
      expect(reports?.csv).toBe(renderCsvReport(findings));
      expect(reports?.json(RUN)).toBe(renderJsonReport(RUN, findings));
    },
  );

  it('say each disable was not applied', () => {
    const findings = planned(4);
    const json = JSON.parse(
      added(findings).reportsOf(withOutcomes(findings, new Map()))?.json(RUN) ?? '',
    );
    expect(json.findings.map((f: StoredFinding) => f.outcome)).toEqual([
      'not_applied',
      null,
      'not_applied',
      null,
    ]);
  });

  it('are not used for findings other than those added, in their order', () => {
    const findings = withOutcomes(planned(1_200), new Map());
    const rows = added(planned(1_200));
    expect(rows.reportsOf(findings.slice(1))).toBeUndefined();
    expect(rows.reportsOf([...findings.slice(500), ...findings.slice(0, 500)])).toBeUndefined();
    expect(rows.reportsOf(findings)).toBeDefined();
  });
});
