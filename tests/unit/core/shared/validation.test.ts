import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, InvalidInputError } from '../../../../functions/core/shared/errors.js';
import { formatIssues, parseOrThrow } from '../../../../functions/core/shared/validation.js';

const person = z.strictObject({
  name: z.string().min(1, 'is required'),
  tags: z.array(z.string().max(3, 'is too long')).default([]),
});

describe('formatIssues', () => {
  it('names each bad field by its path, and the root as (root)', () => {
    const parsed = person.safeParse({ name: '', tags: ['ok', 'toolong'], extra: 1 });
    expect(parsed.success).toBe(false);
    expect(formatIssues(parsed.error?.issues ?? [])).toEqual([
      'name: is required',
      'tags.1: is too long',
      '(root): Unrecognized key: "extra"',
    ]);
  });

  it('never echoes the value that was wrong', () => {
    const parsed = z.object({ password: z.number() }).safeParse({ password: 'hunter2' });
    expect(formatIssues(parsed.error?.issues ?? []).join()).not.toContain('hunter2');
  });
});

describe('parseOrThrow', () => {
  it('returns the parsed value, defaults applied', () => {
    expect(parseOrThrow(person, { name: 'Ana' }, 'body')).toEqual({ name: 'Ana', tags: [] });
  });

  it('throws an InvalidInputError that names where the input came from and every bad field', () => {
    const attempt = () => parseOrThrow(person, { tags: [1] }, 'request body');
    expect(attempt).toThrow(InvalidInputError);
    expect(attempt).toThrow(/^invalid request body: name: .*; tags\.0: /);
  });

  it('throws the error class it is given, with one problem per field', () => {
    try {
      parseOrThrow(person, {}, 'warden.json', ConfigError);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([expect.stringMatching(/^name: /)]);
    }
  });
});
