import { randomBytes } from 'node:crypto';
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { SignInDecisionEntry, SignInLog } from '../../core/geo/ports.js';
import type { SignInHistory, SignInQuery } from '../../core/review/ports.js';
import { InvalidInputError, WardenError } from '../../core/shared/errors.js';
import { dayOf, GOVERNANCE_TABLE, ITEM_KEY, PARTITION } from '../../core/shared/table-keys.js';
import { epochSeconds, type GovernanceTable, type Item, withoutKeys } from './governance-table.js';

const DAY_MS = 86_400_000;
const { partitionKey: PK, sortKey: SK, ttlAttribute: TTL } = GOVERNANCE_TABLE;

/**
 * Every sign-in decision twice: in one partition per person (the person's trail) and in one
 * partition per UTC day (the console's recent decisions). Each is written once (never over
 * another) and expires after the retention: the addresses it holds are personal data.
 */
export class DynamoSignInLog implements SignInLog, SignInHistory {
  constructor(
    private readonly table: GovernanceTable,
    private readonly retentionDays = 400,
  ) {}

  async recordDecision(entry: SignInDecisionEntry): Promise<void> {
    const tail = randomBytes(4).toString('hex');
    const item = {
      ...entry,
      at: entry.at.toISOString(),
      [TTL]: epochSeconds(new Date(entry.at.getTime() + this.retentionDays * DAY_MS)),
    };
    const written = await Promise.all([
      this.table.putIfAbsent({
        ...ITEM_KEY.signIn(entry.source, entry.username, entry.at, entry.outcome, tail),
        ...item,
      }),
      this.table.putIfAbsent({ ...ITEM_KEY.signInOfDay(entry.at, entry.outcome, tail), ...item }),
    ]);
    if (!written.every(Boolean))
      throw new WardenError('a sign-in decision with the same key was already recorded');
  }

  async listDecisions(source: string, username: string): Promise<SignInDecisionEntry[]> {
    const items = await this.table.queryAll(PARTITION.signIns(source, username));
    return items.map(decode);
  }

  /**
   * Decisions newest first, day partition by day partition back to `query.days` ago, filtered in
   * DynamoDB. The cursor names the day and the last decision returned.
   */
  async recent(
    query: SignInQuery,
    now: Date,
  ): Promise<{ decisions: SignInDecisionEntry[]; next?: string }> {
    const oldest = dayOf(new Date(now.getTime() - (query.days - 1) * DAY_MS));
    const start = query.after ? cursorOf(query.after) : { day: dayOf(now) };
    const decisions: SignInDecisionEntry[] = [];
    let day: string | undefined = start.day;
    let startKey: QueryCommandInput['ExclusiveStartKey'] = start.sortKey
      ? { [PK]: PARTITION.signInDay(start.day), [SK]: start.sortKey }
      : undefined;
    while (day && day >= oldest) {
      const page = await this.table.db.send(
        new QueryCommand({
          TableName: this.table.name,
          KeyConditionExpression: '#pk = :pk',
          ScanIndexForward: false,
          ExclusiveStartKey: startKey,
          Limit: Math.max(query.limit - decisions.length, 25),
          ...filterOf(query, PARTITION.signInDay(day)),
        }),
      );
      for (const item of page.Items ?? []) {
        decisions.push(decode(item));
        if (decisions.length === query.limit) {
          return { decisions, next: cursor(day, item[SK] as string) };
        }
      }
      startKey = page.LastEvaluatedKey;
      if (!startKey) day = previousDay(day);
    }
    return { decisions };
  }
}

function decode(item: Item): SignInDecisionEntry {
  const { [TTL]: _ttl, ...entry } = withoutKeys(item);
  return { ...(entry as unknown as SignInDecisionEntry), at: new Date(item.at as string) };
}

function filterOf(
  query: SignInQuery,
  partition: string,
): Pick<
  QueryCommandInput,
  'FilterExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'
> {
  const names: Record<string, string> = { '#pk': PK };
  const values: Record<string, unknown> = { ':pk': partition };
  const conditions: string[] = [];
  if (query.country === 'unknown') {
    names['#country'] = 'country';
    values[':null'] = 'NULL';
    conditions.push('attribute_type(#country, :null)');
  } else if (query.country) {
    names['#country'] = 'country';
    values[':country'] = query.country;
    conditions.push('#country = :country');
  }
  if (query.rule) {
    names['#rule'] = 'rule';
    values[':rule'] = query.rule;
    conditions.push('#rule = :rule');
  }
  if (query.outcome) {
    names['#outcome'] = 'outcome';
    values[':outcome'] = query.outcome;
    conditions.push('#outcome = :outcome');
  }
  return {
    ...(conditions.length > 0 ? { FilterExpression: conditions.join(' AND ') } : {}),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

function previousDay(day: string): string {
  return dayOf(new Date(Date.parse(`${day}T00:00:00Z`) - DAY_MS));
}

function cursor(day: string, sortKey: string): string {
  return Buffer.from(JSON.stringify({ day, sortKey })).toString('base64url');
}

function cursorOf(text: string): { day: string; sortKey?: string } {
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as {
      day?: unknown;
      sortKey?: unknown;
    };
    if (typeof parsed.day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(parsed.day)) {
      return {
        day: parsed.day,
        ...(typeof parsed.sortKey === 'string' ? { sortKey: parsed.sortKey } : {}),
      };
    }
  } catch {
    // An unreadable cursor is reported below.
  }
  throw new InvalidInputError('sign-ins query', ['after: is not a cursor this list gave']);
}
