import { describe, expect, it } from 'vitest';
import { clientRole } from '../../../../functions/core/geo/client-roles.js';

const NAMED = { gateways: ['gw'], unfenced: ['legacy'] };
const UNNAMED_GATEWAY = { unfenced: ['legacy'] };

describe("an app client's role", () => {
  it.each([
    ['gw', NAMED, 'gateway'],
    ['legacy', NAMED, 'unfenced'],
    ['web', NAMED, 'other'],
    [undefined, NAMED, 'other'],
    ['', NAMED, 'other'],
    ['gw', UNNAMED_GATEWAY, 'gateway'],
    ['legacy', UNNAMED_GATEWAY, 'unfenced'],
    [undefined, UNNAMED_GATEWAY, 'other'],
    ['', UNNAMED_GATEWAY, 'other'],
  ] as const)('of %j with %j is %s', (clientId, roles, role) => {
    expect(clientRole(clientId, roles)).toBe(role);
  });
});
