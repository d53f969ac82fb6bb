import type { RunStatus } from '../../core/reconcile/run-record.js';
import type { Situation } from '../../core/reconcile/situation.js';
import { SITUATION_LABEL, STATUS_LABEL } from './format.js';

/** A run status in words, coloured by class (the words carry the meaning, not the colour). */
export function StatusBadge({ status }: { status: RunStatus }) {
  return <span class={`badge status-${status}`}>{STATUS_LABEL[status]}</span>;
}

export function SituationBadge({ situation }: { situation: Situation }) {
  return <span class={`badge situation-${situation}`}>{SITUATION_LABEL[situation]}</span>;
}
