import type { ChannelOutput } from '@shared/ipc/channels';
import type { FeedScanResult, ImportStatus } from '@shared/ipc/feed-channels';
import type { Result } from '@shared/ipc/result';
import { callDesk } from '../../../lib/desk-client';

/** Opens main's file chooser and checks what was chosen; a cancelled chooser answers scanId null. */
export function scanFeeds(mode: 'files' | 'folder'): Promise<Result<FeedScanResult>> {
  return callDesk('feedScan', { mode });
}

export function startFeedImport(scanId: string): Promise<Result<ChannelOutput<'feedImportStart'>>> {
  return callDesk('feedImportStart', { scanId });
}

export function fetchFeedImportStatus(runId: string): Promise<Result<ImportStatus>> {
  return callDesk('feedImportStatus', { runId });
}

/** Asks main to open the run's report of rejected rows; main knows where it wrote it. */
export function openFeedImportReport(runId: string): Promise<Result<ChannelOutput<'feedImportOpenReport'>>> {
  return callDesk('feedImportOpenReport', { runId });
}

/** Asks main to save a hub run's rejected rows as a CSV file; main asks where, the renderer names the run only. */
export function saveFeedImportReport(runId: string): Promise<Result<ChannelOutput<'feedImportSaveReport'>>> {
  return callDesk('feedImportSaveReport', { runId });
}

export function cancelFeedImport(runId: string): Promise<Result<ChannelOutput<'feedImportCancel'>>> {
  return callDesk('feedImportCancel', { runId });
}
