import type { ReportFinding } from '../../core/reconcile/render-report.js';

const OUTCOME_LABEL: Record<NonNullable<ReportFinding['outcome']>, string> = {
  disabled: 'disabled',
  already_done: 'already done',
  failed: 'failed',
  not_applied: 'not applied',
};

export function outcomeText(f: ReportFinding): string {
  return f.outcome ? OUTCOME_LABEL[f.outcome] : '';
}

/** The account's cells, as every table of accounts shows them. */
export function AccountCells({ finding }: { finding: ReportFinding }) {
  return (
    <>
      <td class="username">
        <code>{finding.username}</code>
      </td>
      <td>{finding.source}</td>
      <td>{finding.employeeId ?? ''}</td>
    </>
  );
}
