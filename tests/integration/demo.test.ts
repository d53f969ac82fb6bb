import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('warden demo', () => {
  it('runs the flagship scenario end to end and leaves no emulator behind', async () => {
    const result = spawnSync(process.execPath, ['bin/warden.js', 'demo'], {
      encoding: 'utf8',
      timeout: 170_000,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const out = result.stdout;
    expect(out).toMatch(
      /before: ricardo\.salazar \(left 2023-11-30\) signs in with the password: SIGNED IN/,
    );
    expect(out).toMatch(
      /planned \(dry-run\)[\s\S]*leaver\s+8[\s\S]*orphan\s+4[\s\S]*disputed\s+1[\s\S]*exempt\s+1/,
    );
    expect(out).toMatch(/disabled and signed out:[\s\S]*ricardo\.salazar\s+left on 2023-11-30/);
    expect(out).toMatch(
      /after: ricardo\.salazar signs in with the same password: refused \(NotAuthorizedException/,
    );
    expect(out).toMatch(
      /second run: nothing left to change\n\s+completed: 0 actions planned, 0 applied/,
    );
    expect(out).toMatch(/stopped the local AWS/);

    const endpoint = /starting the local AWS on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
    await expect(fetch(`${endpoint}/moto-api/`)).rejects.toThrow();
  }, 180_000);
});
