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
    expect(out).toMatch(
      /copied out of the local AWS\):\n.*report\.json\n.*report\.csv\n.*report\.html/,
    );

    const endpoint = /starting the local AWS on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
    await expect(fetch(`${endpoint}/moto-api/`)).rejects.toThrow();
  }, 180_000);

  it('takes an HR export with a preset, and the function reads the feed with the same options', () => {
    const result = spawnSync(
      process.execPath,
      [
        'bin/warden.js',
        'demo',
        '--roster',
        'tests/fixtures/hr/workday-report.csv',
        '--preset',
        'workday',
        '--accounts-from',
        'tests/fixtures/accounts/workday-pool.json',
      ],
      { encoding: 'utf8', timeout: 170_000 },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /planned \(dry-run\)[\s\S]*active\s+2[\s\S]*leaver\s+1[\s\S]*future_leaver\s+1[\s\S]*orphan\s+1/,
    );
    expect(result.stdout).toMatch(/note: 1 record\(s\) have no email/);
    expect(result.stdout).toMatch(
      /disabled and signed out:\s+ricardo\.salazar\s+left on 2023-11-30/,
    );
  }, 180_000);

  it('refuses an incomplete account export before starting anything', () => {
    const result = spawnSync(
      process.execPath,
      [
        'bin/warden.js',
        'demo',
        '--accounts-from',
        'tests/fixtures/accounts/list-users-incomplete.json',
      ],
      { encoding: 'utf8' },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/list-users-incomplete\.json: the export is incomplete/);
    expect(result.stdout).not.toMatch(/starting the local AWS/);
  });
});
