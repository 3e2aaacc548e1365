import { createReadStream } from 'node:fs';
import type { FeedFileKind } from '@shared/feeds/feed-entities';
import { feedRecordsOfText, type FeedRecord } from '@shared/feeds/feed-records';
import { FeedFileError } from './feed-file-error';

export type { FeedRecord };

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

/**
 * The data rows of a feed file, by batches of whatever one chunk held (the structure rules
 * are shared/feeds/feed-records.ts). File-level problems throw FeedFileError. With
 * `parse: false` only the structure is checked (for the scan that comes before any write),
 * and values are null.
 */
export function readFeedRecords(path: string, kind: FeedFileKind, parse = true): AsyncGenerator<FeedRecord[]> {
  return feedRecordsOfText(decodedChunks(path), kind, parse);
}
