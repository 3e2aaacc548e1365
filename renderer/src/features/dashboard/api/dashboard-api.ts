import type { ChannelOutput } from '@shared/ipc/channels';
import type { DashboardSummary } from '@shared/ipc/dashboard-channels';
import type { Result } from '@shared/ipc/result';
import { callDesk } from '../../../lib/desk-client';

export function fetchDashboardSummary(): Promise<Result<DashboardSummary>> {
  return callDesk('dashboardSummary', {});
}

/** A figure's CSV saved as a file: main asks the operator where (the window never names a path). */
export function saveCsv(figure: string, csv: string): Promise<Result<ChannelOutput<'dashboardSaveCsv'>>> {
  return callDesk('dashboardSaveCsv', { figure, csv });
}
