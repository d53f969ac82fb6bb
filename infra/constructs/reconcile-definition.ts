// The reconciliation state machine, in the Amazon States Language. A plain function of the
// two functions' ARNs, so that the stack deploys it and the local tests execute the very same
// definition (with each Task bound to the real handler code).

export interface ReconcileDefinitionArns {
  /** The reconcile function: a run in one invocation, as the schedule used to invoke it. */
  reconcile: string;
  /** The steps function: every Task of a run carried out in steps. */
  steps: string;
}

/** Task names, which the local executor binds to handlers. */
export const RECONCILE_TASKS = {
  route: 'Route',
  single: 'RunInOneInvocation',
  begin: 'Begin',
  list: 'ListGroup',
  plan: 'Plan',
  apply: 'ApplyBatch',
  finish: 'Finish',
  fail: 'RecordFailure',
} as const;

const transient = {
  ErrorEquals: [
    'Lambda.ServiceException',
    'Lambda.AWSLambdaException',
    'Lambda.SdkClientException',
    'Lambda.TooManyRequestsException',
  ],
  IntervalSeconds: 2,
  MaxAttempts: 6,
  BackoffRate: 2,
  JitterStrategy: 'FULL',
};
/** Another run holds the lock: wait for it, as the reconcile function's async retries did. */
const lockBusy = {
  ErrorEquals: ['RunInProgressError'],
  IntervalSeconds: 60,
  MaxAttempts: 3,
  BackoffRate: 2,
  JitterStrategy: 'FULL',
};
/** A step that crashed (timeout, out of memory, a fault) resumes from its checkpoint. */
const resume = {
  ErrorEquals: ['States.TaskFailed'],
  IntervalSeconds: 5,
  MaxAttempts: 2,
  BackoffRate: 2,
  JitterStrategy: 'FULL',
};
const toFailure = [
  { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: RECONCILE_TASKS.fail },
];

export function reconcileDefinition(arns: ReconcileDefinitionArns): Record<string, unknown> {
  const task = (
    step: string,
    parameters: Record<string, unknown>,
    extra: Record<string, unknown>,
  ) => ({
    Type: 'Task',
    Resource: arns.steps,
    Parameters: { step, ...parameters },
    Retry: [transient, resume],
    ...extra,
  });
  const runId = { 'runId.$': '$.begun.runId' };
  return {
    Comment:
      'Warden leaver reconciliation: one invocation for small directories, steps for large ones',
    StartAt: 'Wrap',
    States: {
      Wrap: { Type: 'Pass', Parameters: { 'event.$': '$' }, Next: RECONCILE_TASKS.route },
      [RECONCILE_TASKS.route]: {
        Type: 'Task',
        Resource: arns.steps,
        Parameters: { step: 'route', 'event.$': '$.event' },
        ResultPath: '$.route',
        Retry: [transient],
        Next: 'Path',
      },
      Path: {
        Type: 'Choice',
        Choices: [{ Variable: '$.route.path', StringEquals: 'steps', Next: RECONCILE_TASKS.begin }],
        Default: RECONCILE_TASKS.single,
      },
      [RECONCILE_TASKS.single]: {
        Type: 'Task',
        Resource: arns.reconcile,
        InputPath: '$.event',
        Retry: [transient, lockBusy],
        End: true,
      },
      [RECONCILE_TASKS.begin]: {
        Type: 'Task',
        Resource: arns.steps,
        Parameters: { step: 'begin', 'event.$': '$.event' },
        ResultPath: '$.begun',
        Retry: [transient, lockBusy],
        Next: 'Begun',
      },
      Begun: {
        Type: 'Choice',
        Choices: [{ Variable: '$.begun.kind', StringEquals: 'closed', Next: 'Closed' }],
        Default: 'ListGroups',
      },
      Closed: { Type: 'Pass', OutputPath: '$.begun.response', End: true },
      ListGroups: {
        Type: 'Map',
        ItemsPath: '$.begun.groups',
        ItemSelector: { 'runId.$': '$.begun.runId', 'group.$': '$$.Map.Item.Value' },
        // Groups are other accounts or Regions, each with quotas of its own.
        MaxConcurrency: 10,
        ItemProcessor: {
          ProcessorConfig: { Mode: 'INLINE' },
          StartAt: RECONCILE_TASKS.list,
          States: {
            [RECONCILE_TASKS.list]: {
              Type: 'Task',
              Resource: arns.steps,
              Parameters: { step: 'list', 'runId.$': '$.runId', 'group.$': '$.group' },
              ResultPath: '$.listed',
              Retry: [transient, resume],
              Next: 'Listed',
            },
            Listed: {
              Type: 'Choice',
              Choices: [{ Variable: '$.listed.done', BooleanEquals: true, Next: 'GroupListed' }],
              Default: RECONCILE_TASKS.list,
            },
            GroupListed: { Type: 'Succeed' },
          },
        },
        ResultPath: null,
        Catch: toFailure,
        Next: RECONCILE_TASKS.plan,
      },
      [RECONCILE_TASKS.plan]: task('plan', runId, {
        ResultPath: '$.plan',
        Catch: toFailure,
        Next: 'Planned',
      }),
      Planned: {
        Type: 'Choice',
        Choices: [
          {
            And: [
              { Variable: '$.plan.status', StringEquals: 'applying' },
              { Variable: '$.plan.disables', NumericGreaterThan: 0 },
            ],
            Next: RECONCILE_TASKS.apply,
          },
        ],
        Default: RECONCILE_TASKS.finish,
      },
      [RECONCILE_TASKS.apply]: task('apply', runId, {
        ResultPath: '$.applied',
        Catch: toFailure,
        Next: 'Applied',
      }),
      Applied: {
        Type: 'Choice',
        Choices: [
          { Variable: '$.applied.done', BooleanEquals: true, Next: RECONCILE_TASKS.finish },
        ],
        Default: RECONCILE_TASKS.apply,
      },
      [RECONCILE_TASKS.finish]: task('finish', runId, { Catch: toFailure, End: true }),
      [RECONCILE_TASKS.fail]: {
        Type: 'Task',
        Resource: arns.steps,
        Parameters: { step: 'fail', 'runId.$': '$.begun.runId', 'error.$': '$.error' },
        ResultPath: '$.failure',
        Retry: [transient],
        Next: 'Failed',
      },
      Failed: {
        Type: 'Fail',
        Error: 'ReconciliationFailed',
        Cause: 'a step failed; the run is recorded as failed',
      },
    },
  };
}
