import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import type { SignInDecisionEntry, SignInStore } from '../core/geo/sign-in-ports.js';
import { GOVERNANCE_TABLE } from '../core/resources.js';

const { partitionKey: PK, sortKey: SK, ttlAttribute: TTL } = GOVERNANCE_TABLE;

// In the governance table:
//   ACCESS#<source> / <username>          when access ends (written by applied reconciliation runs)
//   NONCE#<nonce> / <trigger>             geo-context nonces seen, expiring with a TTL
//   SIGNIN#<source>#<username> / <at>     one entry per sign-in decision
export class DynamoSignInStore implements SignInStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async accessEndsAt(source: string, username: string): Promise<Date | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { [PK]: `ACCESS#${source}`, [SK]: username },
      }),
    );
    return Item ? new Date(Item.accessEndsAt as string) : undefined;
  }

  async claimNonce(nonce: string, trigger: string, expiresAt: Date): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            [PK]: `NONCE#${nonce}`,
            [SK]: trigger,
            [TTL]: Math.ceil(expiresAt.getTime() / 1000),
          },
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': PK },
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  async recordDecision(entry: SignInDecisionEntry): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          [PK]: `SIGNIN#${entry.source}#${entry.username}`,
          [SK]: `${entry.at.toISOString()}#${entry.outcome}`,
          ...entry,
          at: entry.at.toISOString(),
        },
      }),
    );
  }

  async listDecisions(source: string, username: string): Promise<SignInDecisionEntry[]> {
    const { Items } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': PK },
        ExpressionAttributeValues: { ':pk': `SIGNIN#${source}#${username}` },
      }),
    );
    return (Items ?? []).map(({ [PK]: _pk, [SK]: _sk, ...item }) => ({
      ...(item as SignInDecisionEntry),
      at: new Date(item.at as string),
    }));
  }
}
