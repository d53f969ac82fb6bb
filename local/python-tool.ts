import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Python tools the project needs (the AWS emulator, cfn-lint), each pinned in its own
// project-local virtualenv under .local/, installed on first use and reused afterwards.
export const LOCAL_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '.local');

export interface PythonTool {
  /** Folder name under .local/, e.g. `moto-5.2.5`. */
  name: string;
  /** pip requirement, pinned, e.g. `moto[server]==5.2.5`. */
  requirement: string;
  /** Executable the tool installs into the virtualenv's bin/. */
  executable: string;
}

function findPython(): string {
  for (const candidate of [process.env.WARDEN_PYTHON, 'python3', 'python']) {
    if (!candidate) continue;
    const probe = spawnSync(
      candidate,
      ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'],
      {
        encoding: 'utf8',
      },
    );
    if (probe.status !== 0) continue;
    const [major, minor] = probe.stdout.trim().split('.').map(Number) as [number, number];
    if (major === 3 && minor >= 9) return candidate;
    throw new Error(
      `${candidate} is Python ${probe.stdout.trim()}; Warden's local tools need Python 3.9 or newer`,
    );
  }
  throw new Error('Python 3.9+ was not found (tried $WARDEN_PYTHON, python3, python)');
}

/** Path of the tool's executable, installing the tool first when it is not there yet. */
export function ensurePythonTool(
  tool: PythonTool,
  progress: (message: string) => void = () => {},
): string {
  const venv = join(LOCAL_DIR, tool.name);
  const executable = join(venv, 'bin', tool.executable);
  const marker = join(venv, '.warden-installed');
  if (existsSync(executable) && existsSync(marker)) return executable;
  const python = findPython();
  mkdirSync(LOCAL_DIR, { recursive: true });
  progress(`installing ${tool.requirement} into .local/${tool.name} - once only`);
  run(python, ['-m', 'venv', venv]);
  run(join(venv, 'bin', 'python'), [
    '-m',
    'pip',
    'install',
    '--quiet',
    '--disable-pip-version-check',
    tool.requirement,
  ]);
  writeFileSync(marker, `${tool.requirement}\n`);
  return executable;
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr || result.stdout}`);
  }
}

export const CFN_LINT: PythonTool = {
  name: 'cfn-lint-1.58.0',
  requirement: 'cfn-lint==1.58.0',
  executable: 'cfn-lint',
};
