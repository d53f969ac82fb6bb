import { describe, expect, it } from 'vitest';
import { rateLimitKeys } from '../../../../functions/core/geo/rate-limit-keys.js';

const addressOf = (ip: string) => rateLimitKeys(ip, 'ana').address;

describe('rate-limit keys', () => {
  it('count an IPv4 address as itself, however it is written', () => {
    expect(addressOf('203.0.113.7')).toBe('ip:203.0.113.7');
    expect(addressOf('::ffff:203.0.113.7')).toBe('ip:203.0.113.7');
  });

  it('count every address of an IPv6 /64 as one', () => {
    expect(addressOf('2001:db8:a:b:1:2:3:4')).toBe('ip:2001:db8:a:b::/64');
    expect(addressOf('2001:0db8:000a:000b::ffff')).toBe('ip:2001:db8:a:b::/64');
    expect(addressOf('2001:db8:a:c::1')).toBe('ip:2001:db8:a:c::/64');
  });

  it('keep an address they cannot read as it is', () => {
    expect(addressOf('not-an-address')).toBe('ip:not-an-address');
  });

  it('count a username whatever its case and surrounding spaces', () => {
    expect(rateLimitKeys('203.0.113.7', ' Ana.Lopez ').username).toBe('user:ana.lopez');
  });
});
