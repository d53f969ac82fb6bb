import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The embedded local AWS: the moto server, pinned, in a project-local virtualenv.
export const MOTO_VERSION = '5.2.5';
const MOTO_REQUIREMENT = `moto[server,cognitoidp]==${MOTO_VERSION}`;
const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const LOCAL_DIR = join(PROJECT_ROOT, '.local');
const VENV_DIR = join(LOCAL_DIR, `moto-${MOTO_VERSION}`);
const MOTO_SERVER = join(VENV_DIR, 'bin', 'moto_server');
const INSTALLED_MARKER = join(VENV_DIR, '.warden-installed');

export type Progress = (message: string) => void;

export interface RunningEmulator {
  endpoint: string;
  /** Environment that points the AWS SDK at the emulator, with throwaway credentials. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

function findPython(): string {
  for (const candidate of [process.env.WARDEN_PYTHON, 'python3', 'python']) {
    if (!candidate) continue;
    const probe = spawnSync(
      candidate,
      ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'],
      { encoding: 'utf8' },
    );
    if (probe.status !== 0) continue;
    const [major, minor] = probe.stdout.trim().split('.').map(Number) as [number, number];
    if (major === 3 && minor >= 9) return candidate;
    throw new Error(
      `${candidate} is Python ${probe.stdout.trim()}; the local AWS needs Python 3.9 or newer`,
    );
  }
  throw new Error(
    'Python 3.9+ was not found (tried $WARDEN_PYTHON, python3, python); the local AWS needs it',
  );
}

/** Installs the emulator once; later calls reuse the virtualenv. */
export function ensureEmulatorInstalled(progress: Progress = () => {}): string {
  if (existsSync(MOTO_SERVER) && existsSync(INSTALLED_MARKER)) return MOTO_SERVER;
  const python = findPython();
  mkdirSync(LOCAL_DIR, { recursive: true });
  progress(`installing the local AWS emulator (moto ${MOTO_VERSION}) into .local/ - once only`);
  run(python, ['-m', 'venv', VENV_DIR]);
  run(join(VENV_DIR, 'bin', 'python'), [
    '-m',
    'pip',
    'install',
    '--quiet',
    '--disable-pip-version-check',
    MOTO_REQUIREMENT,
  ]);
  writeFileSync(INSTALLED_MARKER, `${MOTO_REQUIREMENT}\n`);
  return MOTO_SERVER;
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr || result.stdout}`);
  }
}

async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const running = new Set<ChildProcess>();

// Never leave a server behind: on normal exit, on Ctrl-C, on termination.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    for (const child of running) child.kill('SIGKILL');
    process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
  });
}

/** Starts the emulator on a free loopback port and waits until it answers. */
export async function startEmulator(progress: Progress = () => {}): Promise<RunningEmulator> {
  const server = ensureEmulatorInstalled(progress);
  const port = await freeLoopbackPort();
  const endpoint = `http://127.0.0.1:${port}`;
  mkdirSync(LOCAL_DIR, { recursive: true });
  const logFile = join(LOCAL_DIR, `moto-${port}.log`);
  const log = openSync(logFile, 'w');
  progress(`starting the local AWS on ${endpoint}`);
  const child = spawn(server, ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', log, log],
  });
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', () => running.delete(child));

  await waitUntilHealthy(endpoint, child, logFile);
  return {
    endpoint,
    env: {
      AWS_ENDPOINT_URL: endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function waitUntilHealthy(
  endpoint: string,
  child: ChildProcess,
  logFile: string,
): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(
        `the local AWS exited with code ${child.exitCode}:\n${readFileSync(logFile, 'utf8').slice(-2000)}`,
      );
    }
    try {
      const response = await fetch(`${endpoint}/moto-api/`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the local AWS did not become healthy within 60 s; see ${logFile}`);
}

/** Points this process's AWS SDK clients at the emulator. */
export function useEmulator(emulator: RunningEmulator): void {
  Object.assign(process.env, emulator.env);
}
