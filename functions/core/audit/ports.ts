import type { ChainHead } from './chain.js';
import type { StoredAuditEntry, StreamName } from './verify-stream.js';

/** Reads the audit trail stream by stream, for verification. */
export interface AuditChainReader {
  /** Every stream that has entries or a head. */
  listStreams(): Promise<StreamName[]>;
  /** One stream as of one moment: its head and its entries. */
  readStream(stream: StreamName): Promise<{ head?: ChainHead; entries: StoredAuditEntry[] }>;
}
