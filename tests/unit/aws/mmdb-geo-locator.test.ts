import { beforeAll, describe, expect, it } from 'vitest';
import { bundledCountryDatabase, MmdbGeoLocator } from '../../../functions/aws/mmdb-geo-locator.js';

let locator: MmdbGeoLocator;

beforeAll(async () => {
  locator = await MmdbGeoLocator.fromFile(bundledCountryDatabase());
});

describe('country lookup with the shipped database', () => {
  it('places IPv4 and IPv6 addresses', () => {
    expect(locator.locate('88.1.1.1')).toEqual({ country: 'ES' });
    expect(locator.locate('189.203.0.1')).toEqual({ country: 'MX' });
    expect(locator.locate('8.8.8.8')).toEqual({ country: 'US' });
    expect(locator.locate('2a02:9000::1')).toEqual({ country: 'ES' });
    expect(locator.locate('::ffff:88.1.1.1')).toEqual({ country: 'ES' });
  });

  it('calls private, reserved and documentation addresses unknown, never a country', () => {
    for (const ip of [
      '10.1.2.3',
      '192.168.0.10',
      '172.20.0.1',
      '127.0.0.1',
      '100.64.1.1',
      '203.0.113.7',
      '::1',
      'fd00::1',
      'fe80::1',
      '2001:db8::1',
    ]) {
      expect(locator.locate(ip), ip).toEqual({ country: null, unknownBecause: 'private' });
    }
  });

  it('turns anything it cannot read into an unknown location instead of throwing', () => {
    expect(locator.locate('not-an-ip')).toEqual({ country: null, unknownBecause: 'lookup_failed' });
    expect(locator.locate('999.1.1.1')).toEqual({ country: null, unknownBecause: 'lookup_failed' });
    expect(locator.locate('')).toEqual({ country: null, unknownBecause: 'lookup_failed' });
  });

  it('refuses to open a file that is not a MaxMind database', async () => {
    await expect(MmdbGeoLocator.fromFile('package.json')).rejects.toThrow();
  });
});
