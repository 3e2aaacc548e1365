import { err, ok } from '@shared/ipc/result';
import type { FeedImportService } from '../feeds/feed-import-service';
import type { FileSaverPort } from '../feeds/report-save-dialog';
import { createHubFeedImportClient, type HubFeedImportClient } from '../hub-sync/hub-feed-import';
import type { HubSync } from '../hub-sync/hub-sync';
import type { Handlers } from './handlers';

export type FeedHandlers = Pick<Handlers, 'feedScan' | 'feedImportStart' | 'feedImportStatus' | 'feedImportCancel' | 'feedImportOpenReport' | 'feedImportSaveReport'>;

/** Opens a file in the system's viewer: Electron's shell.openPath in the app (an error text, or '' when it opened). */
export interface FileOpenerPort {
  openPath(path: string): Promise<string>;
}

/** Where the app gives none (tests, the demo harness): nothing can be opened, and the renderer is told so. */
export const noFileOpener: FileOpenerPort = { openPath: async () => 'no file opener on this desktop' };

/** Where the app gives none (tests, the demo harness): nothing can be saved. */
export const noFileSaver: FileSaverPort = { chooseSavePath: async () => null };

/**
 * The scan always reads the picked files here (the admin sees their rows and problems at once).
 * A desktop enrolled at a hub (`sync`) then imports at the hub: the files are streamed there and
 * the run, its progress and its cancel are the hub's; the local importer never runs for it.
 */
export function createFeedHandlers(
  feeds: FeedImportService,
  opener: FileOpenerPort = noFileOpener,
  sync: HubSync | null = null,
  hubClient?: HubFeedImportClient,
  saver: FileSaverPort = noFileSaver,
): FeedHandlers {
  const hub = sync ? (hubClient ?? createHubFeedImportClient(sync)) : null;
  const atHub = () => hub !== null && sync !== null && sync.state().enrolled;
  return {
    feedScan: async (input) => ok(await feeds.scan(input.mode)),
    feedImportStart: (input, ctx) => {
      if (atHub()) {
        const paths = feeds.scanPaths(input.scanId);
        return paths ? hub!.start(paths) : err('NOT_FOUND');
      }
      const started = feeds.start(input.scanId, ctx.actor?.operatorId ?? null);
      return 'error' in started ? err(started.error) : ok(started);
    },
    feedImportStatus: async (input) => {
      // A local run (one from before the desktop joined) is this desktop's own.
      const status = feeds.status(input.runId);
      if (status || !atHub()) return status ? ok(status) : err('NOT_FOUND');
      return hub!.status(input.runId);
    },
    feedImportCancel: async (input) => {
      if (feeds.status(input.runId) || !atHub()) return ok({ cancelling: feeds.cancel(input.runId) });
      return hub!.cancel(input.runId);
    },
    feedImportOpenReport: async (input) => {
      // The path is the one main recorded for the run, never one the renderer sends.
      const path = feeds.reportPath(input.runId);
      if (path === null) return err('NOT_FOUND', { details: { what: 'report' } });
      const failure = await opener.openPath(path);
      return failure === '' ? ok({}) : err('INTERNAL', { details: { reason: 'open_failed' } });
    },
    feedImportSaveReport: async (input) => {
      // A run of this desktop has its own report file (feedImportOpenReport).
      if (feeds.status(input.runId) || !atHub()) return err('NOT_FOUND', { details: { what: 'report' } });
      const status = await hub!.status(input.runId);
      if (!status.ok) return status;
      if (!status.value.reportAtHub) return err('NOT_FOUND', { details: { what: 'report' } });
      const path = await saver.chooseSavePath(`import-${input.runId}-rejected.csv`);
      if (path === null) return ok({ saved: false, rows: 0 });
      try {
        const written = await hub!.saveReport(input.runId, path);
        return written.ok ? ok({ saved: true, rows: written.value.rows }) : written;
      } catch {
        // The chosen place could not be written (no such folder, no permission, a full disk).
        return err('INTERNAL', { details: { reason: 'save_failed' } });
      }
    },
  };
}
