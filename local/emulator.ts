import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePythonTool, LOCAL_DIR, type PythonTool } from './python-tool.js';

// The embedded local AWS: the moto server, pinned, in a project-local virtualenv.
export const MOTO_VERSION = '5.2.5';
const MOTO: PythonTool = {
  name: `moto-${MOTO_VERSION}`,
  requirement: `moto[server,cognitoidp]==${MOTO_VERSION}`,
  executable: 'moto_server',
};

export type Progress = (message: string) => void;

/** The emulator checks authenticator (TOTP) codes only when asked to; the staff pool needs it. */
export function emulatorSettings(): NodeJS.ProcessEnv {
  return { ...process.env, MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP: 'true' };
}

export interface RunningEmulator {
  endpoint: string;
  /** Environment that points the AWS SDK at the emulator, with throwaway credentials. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** Installs the emulator once; later calls reuse the virtualenv. */
export function ensureEmulatorInstalled(progress: Progress = () => {}): string {
  return ensurePythonTool(MOTO, progress);
}

/** A free TCP port on the loopback address. */
export function freeLoopbackPort(): Promise<number> {
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

const LAUNCHER = join(dirname(fileURLToPath(import.meta.url)), 'emulator-server.py');

/**
 * The command that serves the emulator on a loopback port: moto_server through a launcher that
 * keeps its transactions' rollback copies per item, not per table (decision 0042).
 */
export function emulatorCommand(port: number, progress: Progress): [string, string[]] {
  const python = join(dirname(ensureEmulatorInstalled(progress)), 'python');
  return [python, [LAUNCHER, '-H', '127.0.0.1', '-p', String(port)]];
}

/** Starts the emulator on a free loopback port and waits until it answers. */
export async function startEmulator(progress: Progress = () => {}): Promise<RunningEmulator> {
  const port = await freeLoopbackPort();
  const endpoint = `http://127.0.0.1:${port}`;
  mkdirSync(LOCAL_DIR, { recursive: true });
  const logFile = join(LOCAL_DIR, `moto-${port}.log`);
  const log = openSync(logFile, 'w');
  progress(`starting the local AWS on ${endpoint}`);
  const child = spawn(...emulatorCommand(port, progress), {
    stdio: ['ignore', log, log],
    env: emulatorSettings(),
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
      rmSync(logFile, { force: true });
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
