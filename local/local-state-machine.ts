// The reconciliation state machine executed here, by an Amazon States Language interpreter
// (aws-local-stepfunctions), from the very definition the stack deploys, with each Task bound
// to the real handler code running against the local AWS.
import { StateMachine } from 'aws-local-stepfunctions';
import { RECONCILE_TASKS, reconcileDefinition } from '../infra/constructs/reconcile-definition.js';
import { localLambdaContext } from './lambda-context.js';

// aws-local-stepfunctions 3 uses Promise.withResolvers (Node 22+); Node 20 lacks it.
if (!('withResolvers' in Promise)) {
  Object.assign(Promise, {
    withResolvers<T>() {
      let resolve!: (value: T) => void;
      let reject!: (reason: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}

const LOCAL_ARN = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;

type Handler = (event: unknown) => Promise<unknown>;

export interface LocalExecutionOptions {
  /**
   * Wraps each Task's handler: to watch the steps, or to make one fail as a crashed invocation
   * would. Called with the Task's name.
   */
  around?: (task: string, event: unknown, handler: Handler) => Promise<unknown>;
}

/** Executes the state machine once with `input` (the event a trigger would send). */
export function executeLocally(
  input: Record<string, unknown>,
  options: LocalExecutionOptions = {},
): Promise<unknown> {
  const steps: Handler = async (event) => {
    const { handler } = await import('../functions/reconcile-steps/handler.js');
    return handler(event, localLambdaContext('warden-reconcile-steps'));
  };
  const single: Handler = async (event) => {
    const { handler } = await import('../functions/reconcile/handler.js');
    return handler(event as never, localLambdaContext('warden-reconcile'));
  };
  const bind = (task: string, handler: Handler) => (event: unknown) =>
    (options.around ?? ((_t, e, h) => h(e)))(task, event, handler) as Promise<never>;
  const handlers = Object.fromEntries(
    Object.values(RECONCILE_TASKS).map((task) => [
      task,
      bind(task, task === RECONCILE_TASKS.single ? single : steps),
    ]),
  );
  const machine = new StateMachine(
    reconcileDefinition({
      reconcile: LOCAL_ARN('warden-reconcile'),
      steps: LOCAL_ARN('warden-reconcile-steps'),
    }) as never,
  );
  const execution = machine.run(input as never, {
    overrides: {
      taskResourceLocalHandlers: handlers,
      // Retries happen at once: tests never wait on the real clock.
      retryIntervalOverrides: Object.fromEntries(Object.values(RECONCILE_TASKS).map((t) => [t, 0])),
    },
  });
  return execution.result;
}
