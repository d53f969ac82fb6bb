// How the report components write values: the same on the server and in a browser, whatever the
// machine's locale or time zone.
import type { RunStatus } from '../../core/reconcile/run-record.js';
import type { Situation } from '../../core/reconcile/situation.js';

export const SITUATION_LABEL: Record<Situation, string> = {
  active: 'Active',
  leaver: 'Leaver, still enabled',
  leaver_disabled: 'Leaver, disabled',
  future_leaver: 'Future leaver',
  orphan: 'Orphan',
  disputed: 'Disputed',
  exempt: 'Exempt',
  rehire_candidate: 'Rehire candidate',
  unmatched: 'Unmatched',
};

export const STATUS_LABEL: Record<RunStatus, string> = {
  planned: 'Planned (dry-run)',
  quarantined: 'Quarantined',
  applying: 'Applying',
  completed: 'Completed',
  completed_with_errors: 'Completed with errors',
  failed: 'Failed',
  rejected: 'Rejected',
};

/** `2026-11-29 17:01:02 UTC` from an ISO instant. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '-';
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/** `12,345`. */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
