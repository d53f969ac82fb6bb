import {
  ConflictException,
  CreateScheduleCommand,
  type CreateScheduleCommandInput,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  type SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import type { OffboardingScheduler, OneTimeSchedule } from '../core/offboarding/ports.js';

export interface ScheduleTargetSettings {
  /** Warden's schedule group. */
  groupName: string;
  /** The offboarding executor function. */
  executorArn: string;
  /** The role Scheduler assumes to invoke the executor and to send to the dead-letter queue. */
  roleArn: string;
  deadLetterArn: string;
}

/** Scheduler retries a delivery it could not make (not a function error) for up to six hours, then dead-letters it. */
export const SCHEDULE_RETRY_POLICY = { MaximumRetryAttempts: 20, MaximumEventAgeInSeconds: 21_600 };

/**
 * One-time EventBridge Scheduler schedules: `at()` in its time zone, no flexible window (it fires
 * at the minute), retried, dead-lettered, and deleted by Scheduler once it has fired.
 */
export class EventBridgeOffboardingScheduler implements OffboardingScheduler {
  constructor(
    private readonly client: SchedulerClient,
    private readonly settings: ScheduleTargetSettings,
  ) {}

  async upsert(schedule: OneTimeSchedule): Promise<void> {
    const input = this.input(schedule);
    try {
      await this.client.send(new CreateScheduleCommand(input));
    } catch (error) {
      if (!(error instanceof ConflictException)) throw error;
      // UpdateSchedule replaces every setting, so it gets the same complete input.
      await this.client.send(new UpdateScheduleCommand(input));
    }
  }

  async remove(name: string): Promise<void> {
    try {
      await this.client.send(
        new DeleteScheduleCommand({ Name: name, GroupName: this.settings.groupName }),
      );
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
  }

  private input(schedule: OneTimeSchedule): CreateScheduleCommandInput {
    return {
      Name: schedule.name,
      GroupName: this.settings.groupName,
      Description: `Warden offboarding ${schedule.offboardingId}`,
      ScheduleExpression: schedule.expression,
      ScheduleExpressionTimezone: schedule.timeZone,
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      State: 'ENABLED',
      Target: {
        Arn: this.settings.executorArn,
        RoleArn: this.settings.roleArn,
        Input: JSON.stringify({ offboardingId: schedule.offboardingId }),
        RetryPolicy: SCHEDULE_RETRY_POLICY,
        DeadLetterConfig: { Arn: this.settings.deadLetterArn },
      },
    };
  }
}
