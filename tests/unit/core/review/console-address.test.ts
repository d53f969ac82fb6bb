import { describe, expect, it } from 'vitest';
import {
  CONSOLE_ADDRESS_TTL_MS,
  consoleAddress,
} from '../../../../functions/core/review/console-address.js';
import type { ConsoleAddressSource } from '../../../../functions/core/review/ports.js';
import type { EventLog } from '../../../../functions/core/shared/event-log.js';

function setUp(answers: (() => Promise<string | undefined>)[]) {
  let now = Date.parse('2026-03-02T09:00:00Z');
  let reads = 0;
  const warnings: { message: string; detail?: Record<string, unknown> }[] = [];
  const source: ConsoleAddressSource = {
    read: () => {
      const answer = answers[Math.min(reads, answers.length - 1)] as () => Promise<
        string | undefined
      >;
      reads += 1;
      return answer();
    },
  };
  const log: EventLog = {
    info: () => {},
    warn: (message, detail) => warnings.push({ message, detail }),
  };
  const address = consoleAddress(source, { clock: { now: () => new Date(now) }, log });
  return {
    address,
    warnings,
    reads: () => reads,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const answer = (value: string | undefined) => () => Promise.resolve(value);

describe('the console address for run links', () => {
  it('is what the source publishes, when it is a web address', async () => {
    const { address, warnings } = setUp([answer('https://d111.cloudfront.net/')]);
    await expect(address()).resolves.toBe('https://d111.cloudfront.net/');
    expect(warnings).toEqual([]);
  });

  it('accepts a loopback http address, as the local console publishes', async () => {
    const { address } = setUp([answer('http://127.0.0.1:4321/')]);
    await expect(address()).resolves.toBe('http://127.0.0.1:4321/');
  });

  it('is absent, quietly, when nothing is published', async () => {
    const { address, warnings } = setUp([answer(undefined)]);
    await expect(address()).resolves.toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it.each(['not an address', 'ftp://console.example/', 'javascript:alert(1)'])(
    'is absent, with a warning, when the published value %j is not an http(s) address',
    async (value) => {
      const { address, warnings } = setUp([answer(value)]);
      await expect(address()).resolves.toBeUndefined();
      expect(warnings).toHaveLength(1);
      // The value itself is never logged.
      expect(JSON.stringify(warnings)).not.toContain(value);
    },
  );

  it('is absent when the source fails, and the failure is logged by name only', async () => {
    const denied = Object.assign(new Error('User arn:aws:iam::1:role/x is not authorized'), {
      name: 'AccessDeniedException',
    });
    const { address, warnings } = setUp([() => Promise.reject(denied)]);
    await expect(address()).resolves.toBeUndefined();
    expect(warnings).toEqual([
      {
        message: 'console address unreadable: run links left out',
        detail: { error: 'AccessDeniedException' },
      },
    ]);
  });

  it('is read once per period, then again: a console published later gets linked', async () => {
    const { address, reads, advance } = setUp([
      answer(undefined),
      answer('https://console.example/'),
    ]);
    await expect(address()).resolves.toBeUndefined();
    advance(CONSOLE_ADDRESS_TTL_MS - 1);
    await expect(address()).resolves.toBeUndefined();
    expect(reads()).toBe(1);
    advance(1);
    await expect(address()).resolves.toBe('https://console.example/');
    expect(reads()).toBe(2);
  });
});
