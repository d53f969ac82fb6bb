// The one table `npm run reliability` prints, from the figures each suite wrote (report-figures.ts).
// A suite that wrote nothing shows as missing: no figure is ever made up.

export type SuiteFigures = Record<string, Record<string, unknown>>;

const MISSING = 'missing (no suite reported it)';

type Num = number | undefined;
const num = (value: unknown): Num => (typeof value === 'number' ? value : undefined);
const field = (figures: SuiteFigures, suite: string, ...path: string[]): Num => {
  let value: unknown = figures[suite];
  for (const key of path) value = (value as Record<string, unknown> | undefined)?.[key];
  return num(value);
};

/** Every suite's figure with this name, whatever the suites are called (part of the contract). */
function fromSuites(figures: SuiteFigures, name: string): Record<string, unknown>[] {
  return Object.values(figures)
    .map((suite) => suite[name])
    .filter((value): value is Record<string, unknown> => !!value && typeof value === 'object');
}

/** The first suite's figure with this name. */
const anySuite = (figures: SuiteFigures, name: string) => fromSuites(figures, name)[0];

/** The property runs of every suite of properties, added up. */
function propertyRuns(figures: SuiteFigures): { properties: number; runs: number } | undefined {
  const suites = fromSuites(figures, 'propertyRuns');
  if (suites.length === 0) return undefined;
  const total = (key: string) => suites.reduce((sum, suite) => sum + (num(suite[key]) ?? 0), 0);
  return { properties: total('properties'), runs: total('runs') };
}

export function reliabilityRows(figures: SuiteFigures): [string, string][] {
  const bad = anySuite(figures, 'badInputs');
  const properties = propertyRuns(figures);
  const faults = figures.faults;
  const crash = figures.crash;
  const concurrency = figures.concurrency;
  const tamper = figures['audit-tamper'];
  const pii = figures.pii;
  const wrongly = Object.values(figures)
    .map((f) => num(f.accountsWronglyChanged))
    .filter((n): n is number => n !== undefined);
  return [
    [
      'bad inputs tried and handled right',
      bad ? `${num(bad.handledRight)} of ${num(bad.tried)}` : MISSING,
    ],
    [
      'property runs',
      properties ? `${properties.runs} runs of ${properties.properties} properties` : MISSING,
    ],
    [
      'faults injected and survived',
      faults
        ? `${field(figures, 'faults', 'faultsSurvived')} of ${field(figures, 'faults', 'faultsInjected')} survived, in ${field(figures, 'faults', 'requests')} requests; ${field(figures, 'faults', 'trialsPassed')} of ${field(figures, 'faults', 'trials')} trials passed; ${field(figures, 'faults', 'actionsSilentlySkipped')} actions silently skipped`
        : MISSING,
    ],
    [
      'crash trials converged',
      crash
        ? `${field(figures, 'crash', 'converged')} of ${field(figures, 'crash', 'trials')} (killed ${field(figures, 'crash', 'killedBeforeReachingAws')} times before a request reached AWS, ${field(figures, 'crash', 'killedAfterReachingAws')} after); ${field(figures, 'crash', 'duplicateAuditEntries')} duplicate audit entries`
        : MISSING,
    ],
    [
      'concurrent requests',
      concurrency
        ? `runs: ${field(figures, 'concurrency', 'concurrentRuns', 'started')} started together, ${field(figures, 'concurrency', 'concurrentRuns', 'ran')} ran, ${field(figures, 'concurrency', 'concurrentRuns', 'refused')} refused; stale lock taken over: ${concurrency.staleLockTakenOver ? 'yes' : 'no'}; offboardings for one person: ${field(figures, 'concurrency', 'offboardingRequests', 'sameKey')} with one key + ${field(figures, 'concurrency', 'offboardingRequests', 'distinctKeys')} with distinct keys -> ${field(figures, 'concurrency', 'offboardingOutcome', 'signOuts')} sign-outs, ${field(figures, 'concurrency', 'offboardingOutcome', 'disables')} disables (2 accounts each time)`
        : MISSING,
    ],
    [
      'audit tamper cases detected',
      tamper
        ? `${field(figures, 'audit-tamper', 'detected')} of ${field(figures, 'audit-tamper', 'tamperCases')}; ${field(figures, 'audit-tamper', 'falseAlarms')} false alarms`
        : MISSING,
    ],
    [
      'PII lines found',
      pii
        ? `${field(figures, 'pii', 'piiLinesFound')} in ${field(figures, 'pii', 'logLines')} log lines (${field(figures, 'pii', 'valuesSearched')} values searched)`
        : MISSING,
    ],
    [
      'accounts wrongly changed (must be 0)',
      wrongly.length > 0
        ? `${wrongly.reduce((a, b) => a + b, 0)} (sum over ${wrongly.length} suites)`
        : MISSING,
    ],
  ];
}

/** A plain Markdown table, so the README can quote it as printed. */
export function renderTable(rows: [string, string][]): string {
  const width = Math.max(...rows.map(([name]) => name.length), 'measure'.length);
  return [
    `| ${'measure'.padEnd(width)} | result |`,
    `| ${'-'.repeat(width)} | ------ |`,
    ...rows.map(([name, value]) => `| ${name.padEnd(width)} | ${value} |`),
  ].join('\n');
}
