import type { FileCounts } from './feed-run-repo';
import type { RunWriteJob } from './feed-run-writer';

/** What the writer thread starts with: the run to write and how to open the cache. */
export interface WriteThreadData {
  readonly file: string;
  readonly nativeBinding?: string;
  readonly job: RunWriteJob;
}

/** To the writer thread. */
export type WriteRequest = { type: 'cancel' } | { type: 'now'; iso: string };

/** From the writer thread. */
export type WriteResponse =
  | { type: 'now?' }
  | { type: 'batch'; counts: FileCounts }
  | { type: 'done'; stopped: boolean; reportPath: string | null }
  | { type: 'error'; message: string; stack: string | null };
