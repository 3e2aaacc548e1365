import { createReadStream } from 'node:fs';
import { CsvSyntaxError, createCsvParser, type CsvRecord } from '@shared/feeds/csv-parser';
import { checkCsvHeader, csvRowBuilder, type CsvRowBuilder } from '@shared/feeds/csv-row';
import type { FeedFileKind } from '@shared/feeds/feed-entities';
import { createLineSplitter } from '@shared/feeds/line-splitter';
import { FeedFileError } from './feed-file-error';

/** One data row of a feed file: its object, or null when the line is not a JSON object at all. */
export interface FeedRecord {
  readonly line: number;
  readonly value: unknown;
  /** Set when the line could not be read as a row (NDJSON that is not JSON). */
  readonly notJson?: true;
}

const CHUNK_BYTES = 1 << 20;

/**
 * Reads a file as UTF-8 by chunks, never whole. The decoder is fatal, so a byte sequence
 * that is not UTF-8 stops the read with NOT_UTF8 instead of becoming U+FFFD in the cache.
 */
async function* decodedChunks(path: string): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  let bytes = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        throw new FeedFileError('NOT_UTF8', null, `not UTF-8 near byte ${bytes}`);
      }
      bytes += chunk.length;
      if (text) yield text;
    }
    try {
      const rest = decoder.decode();
      if (rest) yield rest;
    } catch {
      throw new FeedFileError('NOT_UTF8', null, 'the file ends inside a UTF-8 character');
    }
  } catch (error) {
    if (error instanceof FeedFileError) throw error;
    throw new FeedFileError('UNREADABLE', null, (error as Error).message);
  } finally {
    stream.destroy();
  }
}

function truncated(line: number): FeedFileError {
  return new FeedFileError('TRUNCATED', line, 'the last line has no line break: the file was cut off');
}

async function* ndjsonRecords(path: string, parse: boolean): AsyncGenerator<FeedRecord[]> {
  const splitter = createLineSplitter();
  let records: FeedRecord[] = [];
  const onLine = (text: string, line: number): void => {
    if (!parse) {
      records.push({ line, value: null });
      return;
    }
    try {
      records.push({ line, value: JSON.parse(text) as unknown });
    } catch {
      records.push({ line, value: null, notJson: true });
    }
  };
  for await (const text of decodedChunks(path)) {
    splitter.push(text, onLine);
    if (records.length > 0) {
      yield records;
      records = [];
    }
  }
  const rest = splitter.end();
  if (rest) throw truncated(rest.line);
}

async function* csvRecords(path: string, kind: FeedFileKind, parse: boolean): AsyncGenerator<FeedRecord[]> {
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
    for await (const text of decodedChunks(path)) {
      const records = convert(parser.push(text));
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
 * The data rows of a feed file, by batches of whatever one chunk held. File-level problems
 * throw FeedFileError. With `parse: false` only the structure is checked (for the scan that
 * comes before any write), and values are null.
 */
export function readFeedRecords(path: string, kind: FeedFileKind, parse = true): AsyncGenerator<FeedRecord[]> {
  return kind.format === 'csv' ? csvRecords(path, kind, parse) : ndjsonRecords(path, parse);
}
