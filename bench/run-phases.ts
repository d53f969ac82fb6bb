// Where an in-process run spends its time: the phases between its own log lines (listing,
// planning, offboarding bookkeeping, recording), and the AWS calls made in each, by command.
// For benchmarks only: it reads the run's log lines off stdout and wraps the SDK's `send`.
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** The log line that ends each phase (one source: with several, `listed` comes once each). */
const PHASE_ENDS: Record<string, string> = {
  listed: 'planning',
  planned: 'offboardingBookkeeping',
  'feed schedules': 'recording',
};

export interface RunPhases {
  seconds: Record<string, number>;
  /** AWS calls per phase, by command name. */
  calls: Record<string, Record<string, number>>;
}

/**
 * Keeps Powertools' log lines (INFO and up) off stdout from now on, and returns `measure`, which
 * times one run's phases and counts its calls. Every other line is written as usual.
 */
export function watchRunPhases(): <T>(run: () => Promise<T>) => Promise<[T, RunPhases]> {
  process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
  let current: { phase: string; since: number; phases: RunPhases } | undefined;
  const next = (phase: string) => {
    if (!current) return;
    const now = performance.now();
    const { seconds } = current.phases;
    seconds[current.phase] = (seconds[current.phase] ?? 0) + (now - current.since) / 1000;
    Object.assign(current, { phase, since: now });
  };

  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    const line = String(chunk);
    if (!line.startsWith('{"level"')) return write(chunk, ...rest);
    const message = /"message":"([^"]+)"/.exec(line)?.[1] ?? '';
    const phase = PHASE_ENDS[message];
    if (phase) next(phase);
    return true;
  }) as typeof process.stdout.write;

  const clientPrototype = Object.getPrototypeOf(DynamoDBDocumentClient.prototype);
  const send = clientPrototype.send;
  clientPrototype.send = function (command: object, ...rest: unknown[]) {
    if (current) {
      const perPhase = current.phases.calls[current.phase] ?? {};
      current.phases.calls[current.phase] = perPhase;
      const name = command.constructor.name.replace(/Command$/, '');
      perPhase[name] = (perPhase[name] ?? 0) + 1;
    }
    return send.call(this, command, ...rest);
  };

  return async (run) => {
    const started = performance.now();
    current = { phase: 'listing', since: started, phases: { seconds: {}, calls: {} } };
    try {
      const value = await run();
      next('done');
      const { phases } = current;
      for (const [phase, s] of Object.entries(phases.seconds))
        phases.seconds[phase] = Number(s.toFixed(2));
      phases.seconds.total = Number(((performance.now() - started) / 1000).toFixed(2));
      return [value, phases];
    } finally {
      current = undefined;
    }
  };
}
