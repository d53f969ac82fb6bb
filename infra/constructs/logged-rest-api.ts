import { Validations } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  EndpointType,
  LogGroupLogDestination,
  MethodLoggingLevel,
  type MethodOptions,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import type { PolicyDocument } from 'aws-cdk-lib/aws-iam';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

export interface LoggedRestApiProps {
  /** The construct ids of the API and of its access log group, which name deployed resources. */
  ids: { api: string; accessLogs: string };
  restApiName: string;
  description: string;
  stageName: string;
  throttling: { rateLimit: number; burstLimit: number };
  logRetention: RetentionDays;
  /** Whether the access log names the caller (an IAM principal) and the user. */
  logsWho: { caller: boolean; user: boolean };
  /** The API that holds API Gateway's account-level logging role; without it, this one does. */
  accountLoggingRoleFrom?: RestApi;
  policy?: PolicyDocument;
  defaultMethodOptions?: MethodOptions;
}

/**
 * A regional REST API as every Warden API is served: throttled, errors logged without request
 * data, each call in a JSON access log. One API of the stack creates the account-level logging
 * role; the others deploy after it.
 */
export function loggedRestApi(scope: Construct, props: LoggedRestApiProps): RestApi {
  const accessLogs = new LogGroup(scope, props.ids.accessLogs, { retention: props.logRetention });
  const api = new RestApi(scope, props.ids.api, {
    restApiName: props.restApiName,
    description: props.description,
    endpointConfiguration: { types: [EndpointType.REGIONAL] },
    cloudWatchRole: props.accountLoggingRoleFrom === undefined,
    policy: props.policy,
    defaultMethodOptions: props.defaultMethodOptions,
    deployOptions: {
      stageName: props.stageName,
      throttlingRateLimit: props.throttling.rateLimit,
      throttlingBurstLimit: props.throttling.burstLimit,
      loggingLevel: MethodLoggingLevel.ERROR,
      dataTraceEnabled: false,
      accessLogDestination: new LogGroupLogDestination(accessLogs),
      accessLogFormat: AccessLogFormat.jsonWithStandardFields({
        ...props.logsWho,
        httpMethod: true,
        ip: true,
        protocol: true,
        requestTime: true,
        resourcePath: true,
        responseLength: true,
        status: true,
      }),
    },
  });
  if (props.accountLoggingRoleFrom) {
    const account = props.accountLoggingRoleFrom.node.tryFindChild('Account');
    if (account) api.deploymentStage.node.addDependency(account);
  } else if (api.node.tryFindChild('CloudWatchRole')) {
    Validations.of(api.node.findChild('CloudWatchRole')).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      reason:
        "API Gateway's account-level logging role: AWS defines it with this managed policy, and stage logging needs it.",
    });
  }
  return api;
}
