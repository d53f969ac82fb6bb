import type { TestProject } from 'vitest/node';
import { startEmulator } from '../../local/emulator.js';

declare module 'vitest' {
  export interface ProvidedContext {
    awsEnv: Record<string, string>;
  }
}

/** One emulator for the whole integration run; each test file provisions its own resources. */
export default async function setup(project: TestProject) {
  const emulator = await startEmulator((message) => console.log(`[local aws] ${message}`));
  project.provide('awsEnv', emulator.env);
  return async () => {
    await emulator.stop();
  };
}
