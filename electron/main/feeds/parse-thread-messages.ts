import type { FeedFileKind } from '@shared/feeds/feed-entities';
import type { CheckedBatch } from './checked-batches';
import type { FileProblem } from './feed-file-error';

/** To the parse thread: parse a file, or one batch of it was taken (room for another). */
export type ParseRequest =
  | { type: 'file'; id: number; path: string; kind: FeedFileKind; batchRows: number; compareHashes: boolean; window: number }
  | { type: 'ack'; id: number };

/** From the parse thread, for the file `id`. */
export type ParseResponse =
  | { type: 'batch'; id: number; batch: CheckedBatch }
  | { type: 'end'; id: number }
  | { type: 'file-error'; id: number; problem: FileProblem; line: number | null; detail: string }
  | { type: 'error'; id: number; message: string };
