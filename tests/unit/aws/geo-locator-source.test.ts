import { readFile } from 'node:fs/promises';
import { GetObjectCommand, type GetObjectCommandOutput, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadGeoLocator } from '../../../functions/aws/geo-locator-source.js';
import { bundledCountryDatabase } from '../../../functions/aws/mmdb-geo-locator.js';
import { readS3Object } from '../../../functions/aws/s3-object-bytes.js';

const s3 = mockClient(S3Client);
const bytes = (data: Uint8Array) =>
  ({
    transformToByteArray: () => Promise.resolve(data),
  }) as unknown as GetObjectCommandOutput['Body'];

beforeEach(() => s3.reset());

describe('where the country database comes from', () => {
  it('is the database shipped with Warden unless one is named', async () => {
    expect((await loadGeoLocator(undefined)).locate('88.1.1.1')).toEqual({ country: 'ES' });
    expect((await loadGeoLocator('')).locate('189.203.0.1')).toEqual({ country: 'MX' });
  });

  it('is a deployment’s own database when WARDEN_GEO_DB names an s3:// object', async () => {
    s3.on(GetObjectCommand).resolves({ Body: bytes(await readFile(bundledCountryDatabase())) });
    const locator = await loadGeoLocator('s3://warden-geo/GeoIP2-Country.mmdb');
    expect(locator.locate('8.8.8.8')).toEqual({ country: 'US' });
    expect(s3.commandCalls(GetObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'warden-geo',
      Key: 'GeoIP2-Country.mmdb',
    });
  });
});

describe('reading an S3 object', () => {
  it('refuses what is not an s3:// URI, and an empty object', async () => {
    await expect(readS3Object('/tmp/db.mmdb')).rejects.toThrow('not an s3:// URI: /tmp/db.mmdb');
    s3.on(GetObjectCommand).resolves({ Body: bytes(new Uint8Array()) });
    await expect(readS3Object('s3://warden-geo/empty.mmdb')).rejects.toThrow(
      's3://warden-geo/empty.mmdb is empty',
    );
  });
});
