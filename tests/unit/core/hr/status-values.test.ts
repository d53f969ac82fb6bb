import { describe, expect, it } from 'vitest';
import type { EmploymentStatus } from '../../../../functions/core/hr/hr-record.js';
import { type StatusMap, statusReader } from '../../../../functions/core/hr/status-values.js';

describe('statusReader', () => {
  it('reads the canonical values and says so when no list is given', () => {
    const reader = statusReader();
    expect(['Active', ' LEAVER ', 'inactive'].map(reader.read)).toEqual([
      'active',
      'leaver',
      undefined,
    ]);
    expect(reader.expected).toBe('must be "active" or "leaver"');
  });

  it('reads HR values case-insensitively and trimmed, and names them as HR writes them', () => {
    const reader = statusReader({ leaver: [' Inactive ', 'Terminated'] });
    expect(['inactive', ' TERMINATED ', 'active'].map(reader.read)).toEqual([
      'leaver',
      'leaver',
      'active',
    ]);
    expect(reader.expected).toBe(
      'must be one of "active" (active); "leaver", "Inactive", "Terminated" (leaver)',
    );
  });

  it.each<[EmploymentStatus, StatusMap, StatusMap]>([
    ['active', { leaver: ['On Leave'] }, { active: ['On Leave'] }],
    ['leaver', { active: ['On Leave'] }, { leaver: ['On Leave'] }],
  ])(
    'lets an override claim a value the preset gives the other status (%s)',
    (status, preset, overrides) => {
      expect(statusReader(preset, overrides).read('on leave')).toBe(status);
    },
  );
});
