import type { SnapshotOutcome, SnapshotProgress } from './snapshot-types';

/** What the snapshot's writer thread starts with: how to open the cache. */
export interface SnapshotThreadData {
  readonly file: string;
  readonly nativeBinding?: string;
}

/** To the thread; `now` is this thread's clock when the message left (the record's times). */
export type SnapshotRequest =
  | { type: 'chunk'; text: string; now: string }
  | { type: 'end'; now: string }
  | { type: 'abort'; cause: string; now: string };

/** From the thread. */
export type SnapshotResponse =
  | { type: 'taken'; problem: string | null; error: string | null }
  | { type: 'progress'; progress: SnapshotProgress }
  | { type: 'finished'; outcome: SnapshotOutcome };
