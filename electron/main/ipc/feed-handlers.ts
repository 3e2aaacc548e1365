import { err, ok } from '@shared/ipc/result';
import type { FeedImportService } from '../feeds/feed-import-service';
import type { Handlers } from './handlers';

export type FeedHandlers = Pick<Handlers, 'feedScan' | 'feedImportStart' | 'feedImportStatus' | 'feedImportCancel'>;

export function createFeedHandlers(feeds: FeedImportService): FeedHandlers {
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
  };
}
