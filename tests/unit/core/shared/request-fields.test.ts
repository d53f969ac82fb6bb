import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  employeeIdField,
  proxyEventFields,
  textField,
} from '../../../../functions/core/shared/request-fields.js';

const problemOf = (schema: z.ZodType, input: unknown) => {
  const parsed = schema.safeParse(input);
  return parsed.success ? 'accepted' : parsed.error.issues.map((i) => i.message).join('; ');
};

describe('employeeIdField', () => {
  it('takes an id as the feed allows it, trimmed', () => {
    expect(employeeIdField.parse(' E-1.a_b:9 ')).toBe('E-1.a_b:9');
    expect(employeeIdField.parse('x'.repeat(64))).toBe('x'.repeat(64));
  });

  it.each([
    ['a missing id', undefined, 'is required'],
    ['a number', 42, 'must be text'],
    ['blank text', '   ', 'is required; may hold only letters, digits and . _ : -'],
    ['65 characters', 'x'.repeat(65), 'is longer than 64 characters'],
    ['a space inside', 'E 1', 'may hold only letters, digits and . _ : -'],
    ['a character after valid ones', 'E1/', 'may hold only letters, digits and . _ : -'],
    ['a character before valid ones', '/E1', 'may hold only letters, digits and . _ : -'],
  ])('refuses %s', (_, input, problem) => {
    expect(problemOf(employeeIdField, input)).toBe(problem);
  });
});

describe('textField', () => {
  it('takes trimmed text up to its length', () => {
    expect(textField(5).parse('  abcde  ')).toBe('abcde');
  });

  it.each([
    ['missing text', undefined, 'is required'],
    ['a number', 7, 'must be text'],
    ['blank text', ' ', 'is required'],
    ['text one character too long', 'abcdef', 'is longer than 5 characters'],
  ])('refuses %s', (_, input, problem) => {
    expect(problemOf(textField(5), input)).toBe(problem);
  });
});

describe('proxyEventFields', () => {
  const event = z.object(proxyEventFields);

  it('reads the parts of a proxy event both APIs use, absent parts included', () => {
    const minimal = { resource: '/offboardings', httpMethod: 'POST', headers: null, body: null };
    expect(event.parse(minimal)).toEqual(minimal);
    expect(problemOf(event, { resource: '/x' })).toBe(
      'Invalid input: expected string, received undefined',
    );
  });
});

describe('the name-to-text maps of a proxy event', () => {
  const event = z.object(proxyEventFields);
  const base = { resource: '/runs/{runId}', httpMethod: 'GET' };

  it('keeps every name, so a route can refuse one it does not read, "__proto__" included', () => {
    const query = JSON.parse('{"__proto__":"","page":"2"}');
    const parsed = event.parse({ ...base, queryStringParameters: query });
    expect(Object.keys(parsed.queryStringParameters ?? {})).toEqual(['__proto__', 'page']);
    const sent = { ...base, headers: JSON.parse('{"__proto__":"x"}') };
    expect(Object.keys(event.parse(sent).headers ?? {})).toEqual(['__proto__']);
  });

  it('refuses a map whose values are not text', () => {
    expect(problemOf(event, { ...base, queryStringParameters: { page: 2 } })).toBe(
      'must map names to text',
    );
    expect(problemOf(event, { ...base, pathParameters: ['x'] })).toBe('must map names to text');
  });
});
