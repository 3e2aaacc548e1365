import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { detectFeedFile } from '@shared/feeds/feed-entities';
import { FeedFileError } from '@shared/feeds/feed-file-error';

/** A feed file the hub can read as often as it needs (a scan, then the import): a file on disk or an upload stored by the hub. */
export interface FeedSource {
  readonly fileName: string;
  open(): AsyncIterable<Uint8Array>;
}

const CHUNK_BYTES = 1 << 20;

/** A file on the hub's disk. */
export function fileSource(path: string, fileName = basename(path)): FeedSource {
  return { fileName, open: () => createReadStream(path, { highWaterMark: CHUNK_BYTES }) };
}

/** The feed files of a folder (by name, as on the desktop), sorted by name; other files are left alone. */
export async function folderSources(dir: string): Promise<FeedSource[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && detectFeedFile(entry.name) !== null)
    .map((entry) => entry.name)
    .sort()
    .map((name) => fileSource(join(dir, name), name));
}

/**
 * The bytes as UTF-8 text, chunk by chunk. The decoder is fatal, so a byte sequence that is
 * not UTF-8 refuses the file (NOT_UTF8) instead of becoming U+FFFD in the database; a byte
 * order mark is dropped. A read that fails is UNREADABLE.
 */
export async function* decodedText(bytes: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let offset = 0;
  try {
    for await (const chunk of bytes) {
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        throw new FeedFileError('NOT_UTF8', null, `not UTF-8 near byte ${offset}`);
      }
      offset += chunk.length;
      if (text) yield text;
    }
    let rest: string;
    try {
      rest = decoder.decode();
    } catch {
      throw new FeedFileError('NOT_UTF8', null, 'the file ends inside a UTF-8 character');
    }
    if (rest) yield rest;
  } catch (error) {
    if (error instanceof FeedFileError) throw error;
    throw new FeedFileError('UNREADABLE', null, (error as Error).message);
  }
}
