import { Stack } from 'aws-cdk-lib';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { type KEY_PREFIX, leadingKeyPattern } from '../../functions/core/shared/table-keys.js';

type KeyPrefix = (typeof KEY_PREFIX)[keyof typeof KEY_PREFIX];

export function allow(
  actions: string[],
  resources: string[],
  conditions?: Record<string, unknown>,
): PolicyStatement {
  return new PolicyStatement({ effect: Effect.ALLOW, actions, resources, conditions });
}

/**
 * Item access limited to partitions whose keys start with the given prefixes. The prefixes
 * come from the same module the DynamoDB adapters build their keys with.
 */
export function leadingKeys(
  actions: string[],
  tableArn: string,
  prefixes: readonly KeyPrefix[],
): PolicyStatement {
  return new PolicyStatement({
    effect: Effect.ALLOW,
    actions,
    resources: [tableArn],
    conditions: {
      'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': prefixes.map(leadingKeyPattern) },
    },
  });
}

/** Item reads of the `read` partitions; item reads and single-item writes of the `write` ones. */
export function partitionAccess(
  tableArn: string,
  partitions: { read: readonly KeyPrefix[]; write: readonly KeyPrefix[] },
): PolicyStatement[] {
  return [
    leadingKeys(['dynamodb:GetItem', 'dynamodb:Query'], tableArn, partitions.read),
    leadingKeys(
      [
        'dynamodb:GetItem',
        'dynamodb:Query',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'dynamodb:ConditionCheckItem',
      ],
      tableArn,
      partitions.write,
    ),
  ];
}

/** Publishing to the topic, and the use of its key where it has one. */
export function publishTo(topic: ITopic): PolicyStatement[] {
  return [
    allow(['sns:Publish'], [topic.topicArn]),
    ...(topic.masterKey
      ? [allow(['kms:Decrypt', 'kms:GenerateDataKey'], [topic.masterKey.keyArn])]
      : []),
  ];
}

/**
 * A Lambda execution role that may use the data key only through the services that keep data
 * encrypted with it (`kms:ViaService`): the key alone decrypts nothing for the role.
 */
export function lambdaRole(
  scope: Construct,
  id: string,
  description: string,
  key: IKey,
  services: readonly ('dynamodb' | 'secretsmanager' | 's3' | 'sqs')[],
): Role {
  const role = new Role(scope, id, {
    assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    description,
  });
  const region = Stack.of(scope).region;
  role.addToPolicy(
    new PolicyStatement({
      effect: Effect.ALLOW,
      actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
      resources: [key.keyArn],
      conditions: {
        StringEquals: { 'kms:ViaService': services.map((s) => `${s}.${region}.amazonaws.com`) },
      },
    }),
  );
  return role;
}
