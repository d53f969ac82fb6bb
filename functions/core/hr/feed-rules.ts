import { compileDateFormat, type DateFormat } from './date-formats.js';
import type { FeedOptions } from './feed-options.js';
import { type FeedKind, HR_COLUMNS, type HrColumn } from './hr-record.js';
import { FEED_PRESETS, type FeedPreset } from './presets/index.js';
import { type StatusReader, statusReader } from './status-values.js';

/** Everything a reader needs, with the preset applied and the options on top of it. */
export interface FeedRules {
  kind: FeedKind;
  timeZone: string;
  preset?: FeedPreset;
  /** Headers (or JSON keys) that may hold each column, tried in order. */
  columns: Record<HrColumn, string[]>;
  /** Why a column is looked for under the names it is, for "missing from the header". */
  columnOrigin: Partial<Record<HrColumn, string>>;
  status: StatusReader;
  statusFromDate: boolean;
  dateFormats: DateFormat[];
  /** Set when declared; otherwise detected from the header. */
  delimiter?: string;
  headerRows: number;
  undatedLeavers: 'reject' | 'already_left';
}

export function feedRules(options: FeedOptions): FeedRules {
  const preset = options.preset ? FEED_PRESETS[options.preset] : undefined;
  const columns = {} as Record<HrColumn, string[]>;
  const columnOrigin: Partial<Record<HrColumn, string>> = {};
  for (const column of HR_COLUMNS) {
    const mapped = options.columnMap?.[column];
    const fromPreset = preset?.columns[column];
    if (mapped) {
      columns[column] = [mapped];
      columnOrigin[column] = `mapped from "${mapped}"`;
    } else if (fromPreset) {
      columns[column] = [...fromPreset, column];
      columnOrigin[column] =
        `preset ${preset?.name} looks for ${fromPreset.map((h) => `"${h}"`).join(' or ')}`;
    } else columns[column] = [column];
  }
  const formats = options.dateFormats ?? preset?.dateFormats ?? [];
  return {
    kind: options.kind,
    timeZone: options.timeZone,
    preset,
    columns,
    columnOrigin,
    status: statusReader(preset?.statusMap, options.statusMap),
    statusFromDate: options.statusFromDate ?? preset?.statusFromDate ?? false,
    // Formats were validated with the configuration; one that is not compiles to nothing.
    dateFormats: formats.map(compileDateFormat).filter((f): f is DateFormat => 'pattern' in f),
    delimiter: options.delimiter,
    headerRows: options.headerRows ?? preset?.headerRows ?? 1,
    undatedLeavers: options.undatedLeavers ?? preset?.undatedLeavers ?? 'reject',
  };
}
