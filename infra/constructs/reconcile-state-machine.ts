import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  DefinitionBody,
  LogLevel,
  StateMachine,
  StateMachineType,
} from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { checkProps } from './check-props.js';
import { allow } from './iam.js';
import { reconcileDefinition } from './reconcile-definition.js';
import type { ReconcileFunction } from './reconcile-function.js';

export interface ReconcileStateMachineProps {
  reconcile: ReconcileFunction;
  logRetention: RetentionDays;
  /** The longest a run may take, all steps together. Default 24 hours. */
  maxRunHours?: number;
}

/**
 * The reconciliation as a Step Functions state machine (the definition is in
 * `reconcile-definition.ts`): small directories run in one invocation of the reconcile
 * function, larger ones in steps with checkpoints. Standard workflow, logged and traced.
 */
export class ReconcileStateMachine extends Construct {
  readonly stateMachine: StateMachine;

  constructor(scope: Construct, id: string, props: ReconcileStateMachineProps) {
    super(scope, id);
    const maxRunHours = props.maxRunHours ?? 24;
    checkProps('ReconcileStateMachine', [
      !(Number.isInteger(maxRunHours) && maxRunHours >= 1 && maxRunHours <= 72) &&
        'maxRunHours: must be a whole number of hours from 1 to 72',
    ]);
    const functions = [props.reconcile.function, props.reconcile.stepsFunction];
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('states.amazonaws.com'),
      description: 'Warden reconciliation state machine: invoke the two reconcile functions only',
    });
    role.addToPolicy(
      allow(
        ['lambda:InvokeFunction'],
        functions.map((f) => f.functionArn),
      ),
    );
    const logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention });
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromString(
        Stack.of(this).toJsonString(
          reconcileDefinition({
            reconcile: props.reconcile.function.functionArn,
            steps: props.reconcile.stepsFunction.functionArn,
          }),
        ),
      ),
      role,
      timeout: Duration.hours(maxRunHours),
      tracingEnabled: true,
      // Events only: execution data would carry the HR feed's location, never more, but stays out.
      logs: { destination: logGroup, level: LogLevel.ALL, includeExecutionData: false },
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Added by CDK for Step Functions logging and X-Ray tracing: log delivery and trace segments name no resource.',
    });
  }
}
