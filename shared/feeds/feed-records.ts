import { CsvSyntaxError, createCsvParser, type CsvRecord } from './csv-parser';
import { checkCsvHeader, csvRowBuilder, type CsvRowBuilder } from './csv-row';
import type { FeedFileKind } from './feed-entities';
import { FeedFileError } from './feed-file-error';
import { createLineSplitter } from './line-splitter';

/*
 * The structure rules of a feed file, over its text as it arrives (decoded UTF-8 chunks of
 * any size): NDJSON lines, CSV records under a checked header, a cut-off last line. The
 * desktop reads the text from a file (electron/main/feeds/feed-file-reader.ts), the hub from
 * a file or an upload (hub/src/feeds/feed-text.ts); both refuse a file by these rules alone.
 */

/** One data row of a feed file: its object, or null when the line is not a JSON object at all. */
export interface FeedRecord {
  readonly line: number;
  readonly value: unknown;
  /** Set when the line could not be read as a row (NDJSON that is not JSON). */
  readonly notJson?: true;
}

function truncated(line: number): FeedFileError {
  return new FeedFileError('TRUNCATED', line, 'the last line has no line break: the file was cut off');
}

async function* ndjsonRecords(text: AsyncIterable<string>, parse: boolean): AsyncGenerator<FeedRecord[]> {
  const splitter = createLineSplitter();
  let records: FeedRecord[] = [];
  const onLine = (line: string, number: number): void => {
    if (!parse) {
      records.push({ line: number, value: null });
      return;
    }
    try {
      records.push({ line: number, value: JSON.parse(line) as unknown });
    } catch {
      records.push({ line: number, value: null, notJson: true });
    }
  };
  for await (const chunk of text) {
    splitter.push(chunk, onLine);
    if (records.length > 0) {
      yield records;
      records = [];
    }
  }
  const rest = splitter.end();
  if (rest) throw truncated(rest.line);
}

async function* csvRecords(text: AsyncIterable<string>, kind: FeedFileKind, parse: boolean): AsyncGenerator<FeedRecord[]> {
  const parser = createCsvParser();
  let build: CsvRowBuilder | null = null;
  const convert = (records: CsvRecord[]): FeedRecord[] => {
    const out: FeedRecord[] = [];
    for (const record of records) {
      if (!build) {
        const problem = checkCsvHeader(kind.entity, record.fields);
        if (problem) throw new FeedFileError('BAD_HEADER', record.line, `${problem.kind}: ${problem.column}`);
        build = csvRowBuilder(kind.entity, record.fields);
        continue;
      }
      out.push({ line: record.line, value: parse ? build(record.fields) : null });
    }
    return out;
  };
  try {
    for await (const chunk of text) {
      const records = convert(parser.push(chunk));
      if (records.length > 0) yield records;
    }
    const { records, unterminated } = parser.end();
    if (unterminated) throw truncated(records[records.length - 1]?.line ?? 1);
    const last = convert(records);
    if (last.length > 0) yield last;
  } catch (error) {
    if (error instanceof CsvSyntaxError) {
      throw error.kind === 'unterminated_quote' ? truncated(error.line) : new FeedFileError('BAD_CSV', error.line, 'a quote where none may be');
    }
    throw error;
  }
  if (!build) throw new FeedFileError('BAD_HEADER', 1, 'missing_header');
}

/**
 * The data rows of a feed file's text, by batches of whatever one chunk held. File-level
 * problems throw FeedFileError. With `parse: false` only the structure is checked (the scan
 * that comes before any write), and values are null.
 */
export function feedRecordsOfText(text: AsyncIterable<string>, kind: FeedFileKind, parse = true): AsyncGenerator<FeedRecord[]> {
  return kind.format === 'csv' ? csvRecords(text, kind, parse) : ndjsonRecords(text, parse);
}
