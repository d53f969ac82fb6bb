import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { DeploymentConfig } from '../functions/core/config/deployment-config.js';
import { DemoUserPool } from './constructs/demo-user-pool.js';
import { Foundation } from './constructs/foundation.js';
import { GeoFencedSignIn } from './constructs/geo-fenced-sign-in.js';
import { HrOffboarding } from './constructs/hr-offboarding.js';
import { LeaverReconciliation } from './constructs/leaver-reconciliation.js';
import { StaffConsole } from './constructs/staff-console.js';

export interface WardenStackProps extends StackProps {
  config: DeploymentConfig;
}

/** The whole of Warden: a shared foundation, then one construct per capability. */
export class WardenStack extends Stack {
  constructor(scope: Construct, id: string, props: WardenStackProps) {
    super(scope, id, props);
    // Behaviour the stack relies on, set here so it holds however the app is built.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    const { config } = props;
    const foundation = new Foundation(this, 'Foundation', config);
    const demoPool =
      (config.demoUserPool ?? config.accountSources.length === 0)
        ? new DemoUserPool(this, 'DemoUserPool').userPool
        : undefined;

    const reconciliation = new LeaverReconciliation(this, 'LeaverReconciliation', {
      foundation,
      config,
      extraUserPoolIds: demoPool ? [demoPool.userPoolId] : [],
    });

    const geoFenced = config.geo
      ? new GeoFencedSignIn(this, 'GeoFencedSignIn', {
          foundation,
          geo: config.geo,
          demoPool,
          logRetention: reconciliation.logRetention,
        })
      : undefined;

    const offboarding = new HrOffboarding(this, 'HrOffboarding', {
      foundation,
      configJson: reconciliation.configJson,
      userPoolArns: reconciliation.userPoolArns,
      reconcile: reconciliation.reconcile,
      hrIntegrationRoleArn: config.offboarding?.hrIntegrationRoleArn,
      accountLoggingRoleFrom: geoFenced?.gateway?.api,
      logRetention: reconciliation.logRetention,
    });

    const staffConsole = new StaffConsole(this, 'Console', {
      foundation,
      settings: config.console,
      configJson: reconciliation.configJson,
      userPoolArns: reconciliation.userPoolArns,
      reconcile: reconciliation.reconcile,
      offboarding,
      accountLoggingRoleFrom: geoFenced?.gateway?.api ?? offboarding.api,
      logRetention: reconciliation.logRetention,
      publicUrl: config.consoleUrl,
    });

    new CfnOutput(this, 'GovernanceTableName', { value: foundation.table.tableName });
    new CfnOutput(this, 'ReportsBucketName', { value: foundation.reportsBucket.bucketName });
    new CfnOutput(this, 'HrFeedBucketName', { value: foundation.feedBucket.bucketName });
    new CfnOutput(this, 'NotificationsTopicArn', { value: foundation.topic.topicArn });
    new CfnOutput(this, 'ReconcileFunctionName', {
      value: reconciliation.reconcile.function.functionName,
    });
    if (demoPool) new CfnOutput(this, 'DemoUserPoolId', { value: demoPool.userPoolId });
    // The CLI finds the API by these names (`warden offboard`).
    if (offboarding.api) new CfnOutput(this, 'OffboardingApiUrl', { value: offboarding.api.url });
    // `warden console` prints it.
    new CfnOutput(this, 'ConsoleUrl', { value: `${staffConsole.url}/` });
    new CfnOutput(this, 'OffboardingScheduleGroup', {
      value: offboarding.scheduleGroupName,
    });
  }
}
