/** Where an address is, as far as the database knows; `country` null means unknown. */
export interface GeoLocation {
  country: string | null;
  /** Why the country is unknown: a private or reserved address, absent from the database, or a lookup error. */
  unknownBecause?: 'private' | 'not_in_database' | 'lookup_failed';
}

export interface GeoLocator {
  /** Never throws: any failure is an unknown location, never an allowed one. */
  locate(ip: string): GeoLocation;
}
