import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const simulate = (user: string, ip: string) =>
  spawnSync(process.execPath, ['bin/warden.js', 'geo', 'simulate', '--user', user, '--ip', ip], {
    encoding: 'utf8',
    timeout: 170_000,
  });

describe('warden geo simulate', () => {
  it('refuses the flagship former employee from Spain and shows the recorded decision', () => {
    const result = simulate('ricardo.salazar', '88.1.1.1');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/401 \{"status":"refused","message":"Sign-in failed"\}/);
    expect(result.stdout).toMatch(
      /denied\s+ES offboarded: access ended at 2023-12-01T06:00:00\.000Z/,
    );
    expect(result.stdout).toMatch(/stopped the local AWS/);
  }, 180_000);

  it('walks a current employee from Spain through the emailed code', () => {
    const result = simulate('teresa.ramirez', '88.1.1.1');
    expect(result.stdout).toMatch(
      /code_required[\s\S]*answering with it[\s\S]*"status":"signed_in"[\s\S]*"geo_decision":"mfa_passed"/,
    );
    expect(result.stdout).toMatch(/step_up_required ES default[\s\S]*step_up_passed/);
  }, 180_000);

  it('exits 2 for an address or user it cannot use', () => {
    expect(simulate('ricardo.salazar', '1.2.3').status).toBe(2);
    expect(simulate('nobody', '88.1.1.1').stderr).toMatch(/not a sample user/);
  });
});
