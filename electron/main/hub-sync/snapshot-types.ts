import type { CarrierTable } from '@shared/hub/changes';

/** What an agent is shown while a new desktop loads the hub's carrier data. */
export interface SnapshotProgress {
  readonly state: 'loading' | 'done' | 'failed';
  /** The accounts and their name index are in: searching works (lines, impacts, credits may still be loading). */
  readonly searchReady: boolean;
  readonly tables: readonly { readonly table: CarrierTable; loaded: number; readonly total: number }[];
}

/** The end of a load as the sink sees it: every table in with the counts of its header, or why not. */
export type SnapshotOutcome = { readonly ok: true; readonly head: number; readonly rows: number } | { readonly ok: false; readonly cause: string };
