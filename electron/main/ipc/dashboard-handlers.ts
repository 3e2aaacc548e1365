import type Database from 'better-sqlite3';
import type { DashboardSummary } from '@shared/ipc/dashboard-channels';
import { err, ok, type Result } from '@shared/ipc/result';
import { readDashboardSummary } from '../dashboard/dashboard-queries';
import { noCsvPath, type ChooseCsvPath } from '../dashboard/csv-save-dialog';
import { saveFigureCsv, writeTextFile, type WriteTextFile } from '../dashboard/save-figure-csv';
import { hubFailure } from '../hub-sync/hub-results';
import type { HubSync } from '../hub-sync/hub-sync';
import type { Handlers } from './handlers';

/*
 * The supervisor's home. Standalone, the figures are this desktop's own (`local`). Enrolled at
 * a hub, they are the hub's (`hub`: its PostgreSQL, by the rules shared with this desktop);
 * when the hub cannot be reached they are this desktop's synced copy (`cache`), which the
 * screen labels as such. A refusal from the hub about the session or the role is shown as it
 * is, not papered over with the copy.
 */

/** The hub's answers that mean "not now": the copy is shown instead. */
const UNREACHABLE: ReadonlySet<string> = new Set(['HUB_UNREACHABLE', 'UNAVAILABLE', 'HUB_BAD_ANSWER', 'INTERNAL']);

export interface CsvFileDeps {
  /** Where the operator wants the file (the save dialog in the app); none: as if cancelled. */
  readonly choose?: ChooseCsvPath;
  readonly write?: WriteTextFile;
}

export function createDashboardHandlers(db: Database.Database, sync: HubSync | null = null, csv: CsvFileDeps = {}): Pick<Handlers, 'dashboardSummary' | 'dashboardSaveCsv'> {
  const fromCache = (now: Date, source: DashboardSummary['source']): Result<DashboardSummary> => ok({ ...readDashboardSummary(db, now), source });
  return {
    dashboardSummary: async (_input, ctx) => {
      if (!sync?.state().enrolled) return fromCache(ctx.now, 'local');
      const answer = await sync.callAsOperator('dashboard', {});
      if (answer.ok) return ok({ ...answer.value, source: 'hub' });
      if (UNREACHABLE.has(answer.error.code)) return fromCache(ctx.now, 'cache');
      // The hub ended this session (deactivated, role changed): as on the operator channels.
      if (answer.error.code === 'NOT_SIGNED_IN' || answer.error.code === 'TOKEN_EXPIRED') return err('NOT_SIGNED_IN');
      return hubFailure(answer.error);
    },
    dashboardSaveCsv: (input, ctx) => saveFigureCsv(csv.choose ?? noCsvPath, csv.write ?? writeTextFile, input, ctx.now),
  };
}
