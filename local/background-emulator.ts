import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { readEnvironment } from '../functions/core/shared/environment.js';
import type { LocalStaffPool } from './console/staff-pool.js';
import { emulatorCommand, emulatorSettings, freeLoopbackPort, type Progress } from './emulator.js';
import type { LocalResources } from './provision.js';
import { LOCAL_DIR } from './python-tool.js';

/** Where `warden local up` leaves what the later `--local` commands need (tests use their own). */
function instanceFile(): string {
  const { localInstance } = readEnvironment(
    { localInstance: z.string().min(1).optional() },
    process.env,
  );
  return localInstance ?? join(LOCAL_DIR, 'instance.json');
}

/** The running local AWS and the Warden provisioned on it, as `warden local up` left them. */
export interface LocalInstance {
  pid: number;
  endpoint: string;
  startedAt: string;
  resources: LocalResources;
  /** The second sample pool (accreditation), governed beside the press office. */
  extraPools: string[];
  /** The configuration the local functions run with. */
  config: Record<string, unknown>;
  logFile: string;
  /** The console's staff pool, once `warden console --local` has created it. */
  staff?: LocalStaffPool;
}

/** The environment that points the AWS SDK at the local AWS, with throwaway credentials. */
export function emulatorEnvironment(endpoint: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  };
}

export async function isHealthy(endpoint: string): Promise<boolean> {
  try {
    return (await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts the emulator detached from this process, so it keeps running after the command exits,
 * and waits until it answers. `warden local down` stops it.
 */
export async function startBackgroundEmulator(
  progress: Progress,
): Promise<{ pid: number; endpoint: string; logFile: string }> {
  const port = await freeLoopbackPort();
  const endpoint = `http://127.0.0.1:${port}`;
  mkdirSync(LOCAL_DIR, { recursive: true });
  const logFile = join(LOCAL_DIR, `moto-background-${port}.log`);
  const log = openSync(logFile, 'w');
  const child = spawn(...emulatorCommand(port, progress), {
    detached: true,
    stdio: ['ignore', log, log],
    env: emulatorSettings(),
  });
  child.unref();
  const pid = child.pid as number;
  const deadline = Date.now() + 60_000;
  while (!(await isHealthy(endpoint))) {
    if (!alive(pid) || Date.now() > deadline) {
      stopProcess(pid);
      throw new Error(`the local AWS did not start; see ${logFile}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { pid, endpoint, logFile };
}

export function saveInstance(instance: LocalInstance): void {
  writeFileSync(instanceFile(), `${JSON.stringify(instance, null, 2)}\n`);
}

/** The instance `warden local up` started, if its process is still there. */
export function readInstance(): LocalInstance | undefined {
  if (!existsSync(instanceFile())) return undefined;
  const instance = JSON.parse(readFileSync(instanceFile(), 'utf8')) as LocalInstance;
  return alive(instance.pid) ? instance : undefined;
}

function stopProcess(pid: number): void {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

/** Stops the instance and forgets it; false when none was running. */
export function stopInstance(): boolean {
  const instance = readInstance();
  if (instance) {
    stopProcess(instance.pid);
    rmSync(instance.logFile, { force: true });
  }
  rmSync(instanceFile(), { force: true });
  return instance !== undefined;
}
