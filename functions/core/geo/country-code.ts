const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

// Codes Intl knows that are not countries or territories of ISO 3166-1.
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'ZZ', 'AA', 'QM', 'QN', 'XA', 'XB']);

/** True for an assigned ISO 3166-1 alpha-2 code (upper case), as geolocation databases use them. */
export function isCountryCode(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code) || NOT_COUNTRIES.has(code)) return false;
  return regionNames.of(code) !== code;
}

/** The country's English name, for messages. */
export function countryName(code: string): string {
  return regionNames.of(code) ?? code;
}
