import { mergeUsage, usageSince } from '../shared/cognito-quotas.js';
import { applyPlan, plannedDisables } from './apply-plan.js';
import { resumeRun, type SteppedServices } from './stepped-run.js';

/**
 * Applies the next batch of planned disables (`steps.disablesPerInvocation`) at the UserUpdate
 * rate, each under its action id, and checkpoints the outcomes and how far it got. A batch
 * retried after a crash repeats nothing that was done: the journal knows each action id.
 */
export async function applyStep(runId: string, deps: SteppedServices): Promise<{ done: boolean }> {
  const checkpoints = await resumeRun(runId, deps);
  const before = deps.quotaUsage?.() ?? {};
  const state = await checkpoints.loadState();
  const disables = plannedDisables(await checkpoints.loadPlan());
  const progress = state.apply ?? { next: 0, batches: 0, actions: state.run.actions };
  const batch = disables.slice(
    progress.next,
    progress.next + deps.config.steps.disablesPerInvocation,
  );
  const applied = await applyPlan(batch, state.run, deps, progress.actions);
  await checkpoints.saveOutcomes(progress.batches, applied.outcomes);
  const next = progress.next + batch.length;
  await checkpoints.saveState({
    ...state,
    usage: mergeUsage(state.usage, usageSince(before, deps.quotaUsage?.() ?? {})),
    apply: { next, batches: progress.batches + 1, actions: applied.actions },
  });
  return { done: next >= disables.length };
}
