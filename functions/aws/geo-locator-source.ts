import type { GeoLocator } from '../core/geo/ports.js';
import { ENV } from '../core/shared/environment.js';
import { bundledCountryDatabase, MmdbGeoLocator } from './mmdb-geo-locator.js';

let loading: Promise<GeoLocator> | undefined;

/**
 * The locator for this container, loaded once: from WARDEN_GEO_DB (a file path or an s3:// URI)
 * when set, else the database shipped with Warden.
 */
export function containerGeoLocator(): Promise<GeoLocator> {
  loading ??= loadGeoLocator(process.env[ENV.geoDatabase]).catch((error) => {
    loading = undefined; // let the next invocation try again
    throw error;
  });
  return loading;
}

export function loadGeoLocator(source: string | undefined): Promise<GeoLocator> {
  if (source?.startsWith('s3://')) {
    // Loaded only by deployments that keep their own database in S3.
    return import('./s3-object-bytes.js').then(async ({ readS3Object }) =>
      MmdbGeoLocator.fromBytes(await readS3Object(source)),
    );
  }
  return MmdbGeoLocator.fromFile(source || bundledCountryDatabase());
}
