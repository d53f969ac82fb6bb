import type { AuditChainReader } from './ports.js';
import { type ChainProblem, type StreamReport, verifyStream } from './verify-stream.js';

export interface AuditVerification {
  ok: boolean;
  streams: number;
  entries: number;
  /** Entries written before chaining began: listed, not verifiable. */
  unchained: number;
  problems: ChainProblem[];
  /** Each stream's head, to keep elsewhere and compare later (see docs/security.md). */
  heads: { source: string; username: string; seq: number; hash: string }[];
}

/** Verifies every stream of the audit trail; `progress` hears after each stream. */
export async function verifyAudit(
  reader: AuditChainReader,
  progress: (done: number, of: number) => void = () => {},
): Promise<AuditVerification> {
  const streams = await reader.listStreams();
  const reports: StreamReport[] = [];
  for (const stream of streams) {
    const { head, entries } = await reader.readStream(stream);
    reports.push(verifyStream(stream, head, entries));
    progress(reports.length, streams.length);
  }
  const problems = reports.flatMap((r) => r.problems);
  return {
    ok: problems.length === 0,
    streams: reports.length,
    entries: reports.reduce((n, r) => n + r.entries, 0),
    unchained: reports.reduce((n, r) => n + r.unchained, 0),
    problems,
    heads: reports.flatMap((r) =>
      r.head ? [{ source: r.source, username: r.username, ...r.head }] : [],
    ),
  };
}
