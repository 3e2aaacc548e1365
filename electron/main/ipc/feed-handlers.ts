import { err, ok } from '@shared/ipc/result';
import type { FeedImportService } from '../feeds/feed-import-service';
import type { Handlers } from './handlers';

export type FeedHandlers = Pick<Handlers, 'feedScan' | 'feedImportStart' | 'feedImportStatus' | 'feedImportCancel' | 'feedImportOpenReport'>;

/** Opens a file in the system's viewer: Electron's shell.openPath in the app (an error text, or '' when it opened). */
export interface FileOpenerPort {
  openPath(path: string): Promise<string>;
}

/** Where the app gives none (tests, the demo harness): nothing can be opened, and the renderer is told so. */
export const noFileOpener: FileOpenerPort = { openPath: async () => 'no file opener on this desktop' };

export function createFeedHandlers(feeds: FeedImportService, opener: FileOpenerPort = noFileOpener): FeedHandlers {
  return {
    feedScan: async (input) => ok(await feeds.scan(input.mode)),
    feedImportStart: (input, ctx) => {
      const started = feeds.start(input.scanId, ctx.actor?.operatorId ?? null);
      return 'error' in started ? err(started.error) : ok(started);
    },
    feedImportStatus: (input) => {
      const status = feeds.status(input.runId);
      return status ? ok(status) : err('NOT_FOUND');
    },
    feedImportCancel: (input) => ok({ cancelling: feeds.cancel(input.runId) }),
    feedImportOpenReport: async (input) => {
      // The path is the one main recorded for the run, never one the renderer sends.
      const path = feeds.reportPath(input.runId);
      if (path === null) return err('NOT_FOUND', { details: { what: 'report' } });
      const failure = await opener.openPath(path);
      return failure === '' ? ok({}) : err('INTERNAL', { details: { reason: 'open_failed' } });
    },
  };
}
