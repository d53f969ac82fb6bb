import { z } from 'zod';
import { isKnownTimeZone } from '../time/zoned-day.js';
import { compileDateFormat } from './date-formats.js';
import { isKnownEncoding } from './decode-feed.js';
import { HR_COLUMNS } from './hr-record.js';
import { PRESET_NAMES } from './presets/index.js';

export const columnMapSchema = z
  .partialRecord(z.enum(HR_COLUMNS), z.string().min(1, 'must name a column'))
  .describe('canonical column -> column name in the HR export');

const statusValues = z
  .array(z.string().trim().min(1, 'must not be empty'))
  .min(1, 'must list at least one value');

const dateFormat = z.string().superRefine((format, ctx) => {
  const compiled = compileDateFormat(format);
  if ('problem' in compiled) ctx.addIssue({ code: 'custom', message: compiled.problem });
});

/**
 * The largest feed read by default. Records are held in memory to be matched: a 69 MB feed of a
 * million rows needs about 600 MB of heap, which the reconcile function's 1024 MB holds.
 */
export const DEFAULT_FEED_MAX_BYTES = 64 * 1024 * 1024;

/**
 * The `feed` section of the configuration: what the feed is, and how to read an HR system's
 * export as it comes. A preset bundles the reading options; each option set here overrides it.
 */
export const feedSettingsSchema = z.strictObject({
  kind: z.enum(['roster', 'leavers']).default('roster'),
  timeZone: z
    .string()
    .refine(isKnownTimeZone, 'is not a known IANA time zone (e.g. UTC, America/Mexico_City)')
    .default('UTC'),
  preset: z.enum(PRESET_NAMES, { error: `must be one of ${PRESET_NAMES.join(', ')}` }).optional(),
  columnMap: columnMapSchema.optional(),
  /** HR's own status values for each canonical status, e.g. `{ "leaver": ["Inactive"] }`. */
  statusMap: z
    .strictObject({ active: statusValues.optional(), leaver: statusValues.optional() })
    .refine(
      (m) => !m.active?.some((a) => m.leaver?.some((l) => l.toLowerCase() === a.toLowerCase())),
      'a value cannot mean both active and leaver',
    )
    .optional(),
  /** No status column: a record with a last day is a leaver, one without is active. */
  statusFromDate: z.boolean().optional(),
  /** Formats of date-only last days besides ISO, e.g. `MM/DD/YYYY`; tried in order. */
  dateFormats: z.array(dateFormat).min(1, 'must list at least one format').optional(),
  /** Field delimiter; detected from the header when not set. */
  delimiter: z
    .string()
    .refine(
      (d) => /^[^"\r\n\p{L}\p{N}]$/u.test(d),
      'must be one character, not a letter, digit, quote or line break',
    )
    .optional(),
  /** Header rows at the top: names are read from the first, the others are skipped. */
  headerRows: z.number().int().min(1).max(10).optional(),
  /** The file's character encoding when it is not UTF-8, e.g. `windows-1252`. */
  encoding: z
    .string()
    .refine(
      isKnownEncoding,
      'is not an encoding the platform can decode (e.g. windows-1252, iso-8859-15, utf-16le)',
    )
    .optional(),
  /** What a leaver without a last day means: a mistake (reject) or someone who has already left. */
  undatedLeavers: z.enum(['reject', 'already_left']).optional(),
  /** A larger feed is refused before it is read: memory, not patience, is the limit. */
  maxBytes: z
    .number()
    .int()
    .min(1)
    .max(1024 * 1024 * 1024, 'must be at most 1 GiB (1073741824)')
    .default(DEFAULT_FEED_MAX_BYTES),
});
export type FeedSettings = z.infer<typeof feedSettingsSchema>;
