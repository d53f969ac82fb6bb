import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  entryHash,
  GENESIS,
  linkAfter,
} from '../../../../functions/core/audit/chain.js';

const ENTRY = { pk: 'AUDIT#pool#ana', sk: '2026-01-01T00:00:00.000Z#a1', reason: 'left', n: 1 };

describe('audit chain links', () => {
  it('writes JSON with sorted keys at every depth, so attribute order never changes a hash', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: null }, skip: undefined })).toBe(
      '{"a":{"c":null,"d":[1,"x"]},"b":1}',
    );
    expect(entryHash({ b: 1, a: 2 })).toBe(entryHash({ a: 2, b: 1 }));
  });

  it('starts a stream at position 1 linked to the genesis hash, then links each entry to the last', () => {
    const first = linkAfter(undefined, ENTRY);
    expect(first).toMatchObject({ seq: 1, prevHash: GENESIS });
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    const second = linkAfter(first, { ...ENTRY, sk: 'later' });
    expect(second).toMatchObject({ seq: 2, prevHash: first.hash });
    expect(second.hash).not.toBe(first.hash);
  });

  it('hashes every attribute and the link, but not the stored hash or position', () => {
    const link = linkAfter(undefined, ENTRY);
    const stored = { ...ENTRY, ...link };
    expect(entryHash(stored)).toBe(link.hash);
    expect(entryHash({ ...stored, seq: 7 })).toBe(link.hash);
    expect(entryHash({ ...stored, reason: 'right' })).not.toBe(link.hash);
    expect(entryHash({ ...stored, pk: 'AUDIT#pool#ben' })).not.toBe(link.hash);
    expect(entryHash({ ...stored, prevHash: 'f'.repeat(64) })).not.toBe(link.hash);
    expect(entryHash({ ...stored, extra: 'x' })).not.toBe(link.hash);
  });
});

describe('the chain format', () => {
  it('starts every stream from a genesis hash of 64 zeros, as stored entries expect', () => {
    expect(linkAfter(undefined, ENTRY).prevHash).toBe('0'.repeat(64));
  });

  it('writes values JSON cannot hold as null, as JSON does inside arrays', () => {
    expect(canonicalJson([1, undefined, () => 0])).toBe('[1,null,null]');
    expect(canonicalJson(undefined)).toBe('null');
  });
});
