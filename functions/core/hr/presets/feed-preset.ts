import type { HrColumn } from '../hr-record.js';

/**
 * A named bundle of feed options for the export of one HR system. Every option can still be
 * overridden one by one (command line or `feed` configuration); an override replaces the
 * preset's value for that option only.
 */
export interface FeedPreset {
  name: string;
  /** The HR system and the export it reads. */
  system: string;
  /** One paragraph for `warden hr presets` and the docs: what the export looks like. */
  summary: string;
  /** The system's own documentation of the export, which the preset was built from. */
  sources: string[];
  /** Headers that may hold each canonical column, tried in order (case-insensitive). */
  columns: Partial<Record<HrColumn, string[]>>;
  statusMap?: { active: string[]; leaver: string[] };
  /** No status column: a record with a last day is a leaver, one without is active. */
  statusFromDate?: boolean;
  dateFormats?: string[];
  headerRows?: number;
  /** The system marks people as gone without always giving a date: they have already left. */
  undatedLeavers?: 'already_left';
}
