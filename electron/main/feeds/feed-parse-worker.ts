/*
 * The parse thread of the feed import: reads, decodes, splits, parses and checks one file
 * at a time and posts its rows by batches to the thread that writes them (parse-thread.ts).
 * It runs at most `window` batches ahead of what the writer has taken, so a file is never
 * held in memory. Built as its own entry next to the main bundle (electron.vite.config.ts).
 */
import { parentPort } from 'node:worker_threads';
import type { FeedFileKind } from '@shared/feeds/feed-entities';
import { checkedBatches } from './checked-batches';
import { FeedFileError } from './feed-file-error';
import type { ParseRequest, ParseResponse } from './parse-thread-messages';

const port = parentPort;
if (!port) throw new Error('feed-parse-worker runs as a worker thread');

let current = 0;
let credits = 0;
let wake: (() => void) | null = null;

function post(message: ParseResponse): void {
  port?.postMessage(message);
}

async function parseFile(id: number, path: string, kind: FeedFileKind, batchRows: number, compareHashes: boolean, window: number): Promise<void> {
  current = id;
  credits = window;
  try {
    for await (const batch of checkedBatches(path, kind, batchRows, compareHashes)) {
      while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
      credits -= 1;
      post({ type: 'batch', id, batch });
    }
    post({ type: 'end', id });
  } catch (error) {
    if (error instanceof FeedFileError) post({ type: 'file-error', id, problem: error.problem, line: error.line, detail: error.detail });
    else post({ type: 'error', id, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}

port.on('message', (message: ParseRequest) => {
  if (message.type === 'ack') {
    if (message.id !== current) return;
    credits += 1;
    const resume = wake;
    wake = null;
    resume?.();
    return;
  }
  void parseFile(message.id, message.path, message.kind, message.batchRows, message.compareHashes, message.window);
});
