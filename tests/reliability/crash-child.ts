// The process a crash trial kills: one reconciliation through the real handler factory and the
// function's composition root, its AWS clients pointed at the parent's proxy (AWS_ENDPOINT_URL).
// Run as `node --import tsx tests/reliability/crash-child.ts` with WARDEN_CRASH_WORLD set.
import { createReconcileHandler } from '../../functions/reconcile/create-handler.js';
import { reconcileDependencies } from '../../functions/reconcile/dependencies.js';
import { functionEnvironment, type LocalResources } from '../../local/provision.js';

const world = JSON.parse(process.env.WARDEN_CRASH_WORLD ?? '{}') as {
  resources: LocalResources;
  config: Record<string, unknown>;
};
Object.assign(process.env, functionEnvironment(world.resources, world.config));
const handler = createReconcileHandler(reconcileDependencies, { add: () => {}, flush: () => {} });
const response = await handler({ trigger: 'crash-trial' });
process.stdout.write(`${JSON.stringify({ status: response.status })}\n`);
