/**
 * Writes feed files of the demo world, deterministically by seed:
 *   tsx scripts/write-feeds.ts --accounts 1000000 --seed 1 --format ndjson --out .cache/feeds/1m
 *   tsx scripts/write-feeds.ts --sample --out resources/sample-feeds
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeGeneratedFeeds } from './feeds/write-feed-files';
import { writeSampleFeeds } from './feeds/write-sample-feeds';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    format: { type: 'string', default: 'ndjson' },
    out: { type: 'string' },
    sample: { type: 'boolean', default: false },
  },
});

const out = resolve(values.out ?? (values.sample ? 'resources/sample-feeds' : `.cache/feeds/${values.accounts}-seed-${values.seed}-${values.format}`));
if (values.sample) {
  writeSampleFeeds(out);
  console.log(`sample feeds written to ${out}`);
} else {
  const accounts = Number(values.accounts);
  const seed = Number(values.seed);
  const format = values.format;
  if (!Number.isSafeInteger(accounts) || accounts < 0 || !Number.isSafeInteger(seed) || (format !== 'ndjson' && format !== 'csv')) {
    console.error('usage: write-feeds.ts [--accounts N] [--seed S] [--format ndjson|csv] [--out DIR] | --sample [--out DIR]');
    process.exit(2);
  }
  const started = performance.now();
  const written = writeGeneratedFeeds(out, {
    accounts,
    seed,
    format,
    onProgress: (done, total) => {
      if (done % 100_000 === 0) process.stderr.write(`\r${done} / ${total} accounts`);
    },
  });
  process.stderr.write('\n');
  console.log(`${written.accounts} accounts, ${written.lines} lines written to ${out} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
