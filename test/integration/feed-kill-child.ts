/**
 * Child process of feed-kill.test.ts: imports every feed in a folder into a database and
 * says "committed <rows>" after each batch, so the parent can kill it between or during
 * commits. Run with tsx: feed-kill-child.ts <dbPath> <feedDir> <batchRows>
 */
import { openDatabase } from '../../electron/main/db/open-database';
import { createFeedImportService } from '../../electron/main/feeds/feed-import-service';

async function main(): Promise<void> {
  const [dbPath, feedDir, batchRows] = process.argv.slice(2) as [string, string, string];
  const db = openDatabase(dbPath);
  const service = createFeedImportService({
    db,
    clock: () => new Date('2024-03-04T15:00:00.000Z'),
    pickFeedFiles: async () => [feedDir],
    reportsDir: `${feedDir}/../reports`,
    batchRows: Number(batchRows),
    onBatchCommitted: (_runId, rows) => process.stdout.write(`committed ${rows}\n`),
    onError: (error) => {
      console.error(error);
      process.exit(3);
    },
  });
  const scan = await service.scan('folder');
  const started = service.start(scan.scanId as string, null);
  if ('error' in started) throw new Error(started.error);
  await service.finished(started.runId);
  process.stdout.write(`finished ${service.status(started.runId)?.state}\n`);
  db.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});
