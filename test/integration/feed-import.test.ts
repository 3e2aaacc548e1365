import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { fileCounts, importFeeds, openFeedBench, snapshotData, type FeedBench } from './feed-fixtures';

let bench: FeedBench | undefined;
afterEach(() => {
  bench?.close();
  bench = undefined;
});

describe('importing the sample feeds', () => {
  it('leaves the demo rows unchanged, adds the two credits, and re-importing changes nothing', async () => {
    bench = await openFeedBench();
    const first = await importFeeds(bench, 'samples');
    expect(first.state).toBe('done');
    for (const entity of ['accounts', 'lines', 'outages', 'impacts', 'credit_policies']) {
      expect(fileCounts(first, entity)).toMatchObject({ inserted: 0, updated: 0, rejected: 0 });
    }
    expect(fileCounts(first, 'credits')).toEqual({ inserted: 2, updated: 0, unchanged: 0, rejected: 0 });
    const afterFirst = snapshotData(bench.backend.db);

    const second = await importFeeds(bench, 'samples');
    expect(second.state).toBe('done');
    expect(second.files.every((f) => f.inserted === 0 && f.updated === 0 && f.rejected === 0)).toBe(true);
    expect(second.files.reduce((s, f) => s + f.unchanged, 0)).toBe(second.rowsTotal);
    expect(snapshotData(bench.backend.db)).toEqual(afterFirst);
    expect(second.reportPath).toBeNull();
  });

  it('loads every sample row into an empty database', async () => {
    bench = await openFeedBench({ seedDemo: false });
    const status = await importFeeds(bench, 'samples');
    expect(status.state).toBe('done');
    expect(status.rejectedTotal).toBe(0);
    const lines = readFileSync(`${__dirname}/../../resources/sample-feeds/lines.csv`, 'utf8').trim().split('\n').length - 1;
    expect(fileCounts(status, 'lines').inserted).toBe(lines);
  });
});
