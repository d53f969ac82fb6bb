import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ENV,
  idList,
  jsonVariable,
  readEnvironment,
} from '../../../../functions/core/shared/environment.js';
import { ConfigError } from '../../../../functions/core/shared/errors.js';

const shape = {
  table: z.string().min(1),
  topicArn: z.string().startsWith('arn:'),
  attemptsPerMinute: z.coerce.number().int().positive().default(10),
  config: z.prefault(jsonVariable, '{}'),
};

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    readEnvironment(shape, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected the environment to be rejected');
}

describe('readEnvironment', () => {
  it('reads each variable by its name in the table, typed and with defaults', () => {
    const env = readEnvironment(shape, {
      WARDEN_TABLE: 'governance',
      WARDEN_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:warden',
      WARDEN_CONFIG: '{"dryRun":false}',
      UNRELATED: 'ignored',
    });
    expect(env).toEqual({
      table: 'governance',
      topicArn: 'arn:aws:sns:us-east-1:123456789012:warden',
      attemptsPerMinute: 10,
      config: { dryRun: false },
    });
  });

  it('says the function environment is at fault', () => {
    expect(() => readEnvironment(shape, {})).toThrow(
      /^invalid configuration in function environment:\n/,
    );
  });

  it('names every missing or bad variable by its environment name', () => {
    const problems = problemsOf({ WARDEN_ATTEMPTS_PER_MINUTE: '-3' });
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      ENV.table,
      ENV.topicArn,
      ENV.attemptsPerMinute,
    ]);
  });

  it('never repeats the value of a bad variable', () => {
    const problems = problemsOf({
      WARDEN_TABLE: 'governance',
      WARDEN_TOPIC_ARN: 'topic-secret-name',
      WARDEN_CONFIG: '{"exemptions":[{"owner": Ana Lopez}]}',
    });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^WARDEN_TOPIC_ARN: /);
    expect(problems[1]).toBe('WARDEN_CONFIG: is not valid JSON');
    expect(problems.join('\n')).not.toMatch(/topic-secret-name|Ana Lopez/);
  });

  it('uses one distinct environment name per variable', () => {
    const names = Object.values(ENV);
    expect(new Set(names).size).toBe(names.length);
    expect(names.every((name) => name.startsWith('WARDEN_'))).toBe(true);
  });
});

describe('idList', () => {
  it('reads comma-separated ids, trimmed, without empty entries', () => {
    expect(idList.parse(' us-east-1_A , us-east-1_B,,')).toEqual(['us-east-1_A', 'us-east-1_B']);
    expect(idList.parse('')).toEqual([]);
  });
});
