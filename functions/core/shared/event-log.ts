/**
 * Where the core reports progress and trouble: Powertools' Logger in Lambda, the terminal in
 * the CLI. Details carry counts, ids and error names, never personal data.
 */
export interface EventLog {
  info(message: string, detail?: Record<string, unknown>): void;
  warn(message: string, detail?: Record<string, unknown>): void;
}

export const SILENT_LOG: EventLog = { info: () => {}, warn: () => {} };
