import type { DashboardSummary } from '@shared/ipc/dashboard-channels';
import type { Result } from '@shared/ipc/result';
import { callDesk } from '../../../lib/desk-client';

export function fetchDashboardSummary(): Promise<Result<DashboardSummary>> {
  return callDesk('dashboardSummary', {});
}

/** The CSV of a figure onto the system clipboard, through main (the window may not touch it). */
export function copyText(text: string): Promise<Result<object>> {
  return callDesk('clipboardWriteText', { text });
}
