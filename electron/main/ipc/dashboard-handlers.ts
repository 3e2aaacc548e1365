import type Database from 'better-sqlite3';
import { ok } from '@shared/ipc/result';
import { readDashboardSummary } from '../dashboard/dashboard-queries';
import type { Handlers } from './handlers';

export function createDashboardHandlers(db: Database.Database): Pick<Handlers, 'dashboardSummary'> {
  return {
    dashboardSummary: (_input, ctx) => ok(readDashboardSummary(db, ctx.now)),
  };
}
