import { describe, expect, it } from 'vitest';
import { countryName, isCountryCode } from '../../../../functions/core/geo/country-code.js';

describe('country codes', () => {
  it('accepts assigned ISO 3166-1 alpha-2 codes, in upper case', () => {
    for (const code of ['MX', 'ES', 'US', 'KP', 'PR']) expect(isCountryCode(code)).toBe(true);
  });

  it('refuses unassigned codes, groupings, lower case and anything longer', () => {
    for (const code of ['XX', 'mx', 'MEX', 'M', '']) {
      expect(isCountryCode(code)).toBe(false);
    }
  });

  it.each(['EU', 'EZ', 'UN', 'QO', 'ZZ', 'XA', 'XB'])(
    'refuses %s, a code with a name that is no country',
    (code) => {
      expect(countryName(code)).not.toBe(code);
      expect(isCountryCode(code)).toBe(false);
    },
  );

  it('names a country in English for messages', () => {
    expect(countryName('MX')).toBe('Mexico');
    expect(countryName('ES')).toBe('Spain');
  });
});
