import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  conflict,
  headerOf,
  invalid,
  json,
  notFound,
  parseBody,
  validate,
} from '../../../../functions/core/shared/api-answer.js';

const HEADERS = {
  'content-type': 'application/json',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

describe('answers', () => {
  it('answers JSON that is never cached nor sniffed', () => {
    expect(json(200, { a: 1 })).toEqual({ statusCode: 200, headers: HEADERS, body: '{"a":1}' });
  });

  it.each([
    [
      'invalid',
      invalid(['id: is required']),
      400,
      { status: 'invalid', problems: ['id: is required'] },
    ],
    [
      'notFound',
      notFound('no such offboarding'),
      404,
      { status: 'not_found', message: 'no such offboarding' },
    ],
    ['conflict', conflict('already done'), 409, { status: 'conflict', message: 'already done' }],
  ])('%s names its status in the body', (_, answer, statusCode, body) => {
    expect(answer.statusCode).toBe(statusCode);
    expect(answer.headers).toEqual(HEADERS);
    expect(JSON.parse(answer.body)).toEqual(body);
  });
});

describe('parseBody', () => {
  it('reads a JSON body, plain or base64-encoded', () => {
    expect(parseBody({ body: '{"id":"E1"}' })).toEqual({ id: 'E1' });
    const encoded = Buffer.from('{"name":"José"}', 'utf8').toString('base64');
    expect(parseBody({ body: encoded, isBase64Encoded: true })).toEqual({ name: 'José' });
  });

  it('has no body for an absent or empty one', () => {
    expect(parseBody({ body: null })).toBeUndefined();
    expect(parseBody({ body: '' })).toBeUndefined();
    expect(parseBody({})).toBeUndefined();
  });

  it('leaves a body that is not JSON for validate to name', () => {
    const schema = z.object({ id: z.string() });
    expect(validate(schema, parseBody({ body: '{not json' }))).toEqual({
      problems: ['(body): is not valid JSON'],
    });
  });
});

describe('headerOf', () => {
  it('finds a header whatever its case', () => {
    expect(headerOf({ headers: { 'X-Request-Id': 'r1' } }, 'x-request-id')).toBe('r1');
    expect(headerOf({ headers: null }, 'x-request-id')).toBeUndefined();
  });
});

describe('validate', () => {
  it('returns the parsed value', () => {
    expect(validate(z.object({ id: z.string().trim() }), { id: ' E1 ' })).toEqual({
      value: { id: 'E1' },
    });
  });

  it('names the root as the body by default, or as the caller says, and only at the start', () => {
    const schema = z.object({ id: z.string({ error: 'must be text, as (root) says' }) });
    expect(validate(schema, 'x')).toEqual({
      problems: ['(body): Invalid input: expected object, received string'],
    });
    expect(validate(schema, 'x', '(query)')).toEqual({
      problems: ['(query): Invalid input: expected object, received string'],
    });
    expect(validate(schema, { id: 1 })).toEqual({
      problems: ['id: must be text, as (root) says'],
    });
  });
});
