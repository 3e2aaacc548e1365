import { csvRecord } from '@shared/feeds/csv-format';
import type { FeedEntity, FeedFormat } from '@shared/feeds/feed-entities';
import { feedFields } from '@shared/feeds/feed-fields';

/** The header line of a CSV feed: every field, in the documented order. */
export function csvFeedHeader(entity: FeedEntity): string {
  return csvRecord(feedFields(entity).map((f) => f.name));
}

function csvCellOf(value: unknown): string | number {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join('|');
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'object') return JSON.stringify(value);
  return value as string | number;
}

/** One feed row as a line of its format (with the line break), fields in the documented order. */
export function formatFeedRow(entity: FeedEntity, format: FeedFormat, row: Readonly<Record<string, unknown>>): string {
  if (format === 'ndjson') return JSON.stringify(row) + '\n';
  return csvRecord(feedFields(entity).map((f) => csvCellOf(row[f.name])));
}
