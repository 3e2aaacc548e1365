/**
 * Search and start-up benchmark against the targets of DESIGN.md section 7.
 *   npm run bench                      # 1,000,000 accounts (generated once, then cached)
 *   npm run bench -- --accounts 50000  # a quick trial on a smaller set
 * Prints a table and writes the same numbers to .cache/bench/last.json. Runs on a temporary
 * copy of the cached data set, which stays as the generator left it.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type Database from 'better-sqlite3';
import { channelNames } from '@shared/ipc/channels';
import { type SearchResponse } from '@shared/ipc/search-channels';
import { err, ok } from '@shared/ipc/result';
import { classifyQuery, type Lookup } from '@shared/search/classify-query';
import { ftsPrefixQuery, namePairCandidates, planNameSearch, type NamePlan } from '@shared/search/name-plan';
import { openDatabase } from '../electron/main/db/open-database';
import { createDispatcher } from '../electron/main/ipc/dispatch';
import type { Actor } from '@shared/domain/operator';
import type { Handlers } from '../electron/main/ipc/handlers';
import { chooseNamePair, namePairParams, searchSql } from '../electron/main/search/search-repo';
import { PAIR_COUNT_CAP, searchAccounts } from '../electron/main/search/search-service';
import { summarize, timePaired, type Timing } from './bench/percentiles';
import { countNameReads } from './bench/name-index-reads';
import { benchModes, sampleQueries, type BenchMode } from './bench/sample-queries';
import { targets } from './bench/targets';

type PairPlan = Extract<NamePlan, { kind: 'pair' }>;

const root = resolve(__dirname, '..');
const cacheDir = join(root, '.cache', 'bench');
const SEARCH_LIMIT = 50;
const OPENS = 9;

function ensureDataset(accounts: number, seed: number): string {
  const file = join(cacheDir, `accounts-${accounts}-seed-${seed}.sqlite`);
  if (existsSync(file)) {
    console.log(`Using cached data set ${file}`);
    return file;
  }
  console.log(`Generating ${accounts.toLocaleString('en-US')} accounts (seed ${seed}) into ${file} ...`);
  // A separate process, so that the generator's big page cache never counts in this one's memory.
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'scripts', 'generate.ts'), '--accounts', String(accounts), '--seed', String(seed), '--out', file],
    { stdio: 'inherit', cwd: root },
  );
  if (child.status !== 0) throw new Error(`generator failed with status ${child.status}`);
  return file;
}

function measureOpen(file: string): Timing {
  const durations: number[] = [];
  for (let i = 0; i < OPENS; i += 1) {
    const started = performance.now();
    const db = openDatabase(file);
    durations.push(performance.now() - started);
    db.close();
  }
  return summarize(durations);
}

function createBenchDispatch(db: Database.Database) {
  const actor: Actor = { operatorId: 1, username: 'bench', role: 'agent' };
  const refuse = () => err('INTERNAL');
  const handlers = Object.fromEntries(channelNames.map((name) => [name, refuse])) as unknown as Handlers;
  const dispatch = createDispatcher({
    handlers: { ...handlers, searchAccounts: (input) => ok(searchAccounts(db, input.query, input.limit)) },
    session: { authorize: () => ({ ok: true, actor }), current: () => actor },
    isTrustedSender: () => true,
    clock: () => new Date(),
  });
  const sender = { url: 'app://desk/index.html', isAppTopFrame: true };
  return async (query: string) => {
    const result = await dispatch('searchAccounts', { query, limit: SEARCH_LIMIT }, sender);
    if (!result.ok) throw new Error(`dispatch failed: ${result.error.code}`);
    return result.value as SearchResponse;
  };
}

/** The bare statements behind each lookup: what the handler path is compared with. */
function createRawSearch(db: Database.Database) {
  const statements = {
    account_number: db.prepare(searchSql.accountNumber),
    phone: db.prepare(searchSql.phone),
    email: db.prepare(searchSql.emailPrefix),
    postal_code: db.prepare(searchSql.postalCode),
    name: db.prepare(searchSql.name),
    namePair: db.prepare(searchSql.namePair),
  };
  const rows = SEARCH_LIMIT + 1;
  return (lookups: readonly Lookup[]) => {
    let found = 0;
    for (const lookup of lookups) {
      switch (lookup.mode) {
        case 'account_number':
          found += statements.account_number.all(lookup.accountNumber, rows).length;
          break;
        case 'phone':
          found += statements.phone.all({ e164: lookup.e164, limit: rows }).length;
          break;
        case 'email':
          found += statements.email.all(lookup.emailPrefix, `${lookup.emailPrefix}\u{10FFFF}`, rows).length;
          break;
        case 'postal_code':
          found += statements.postal_code.all(lookup.postalCodeNorm, rows).length;
          break;
        case 'name': {
          // The same plan the handler takes (shared/search/name-plan.ts), made here per call
          // as the handler makes it: a few string comparisons.
          const plan = planNameSearch(lookup.tokens);
          if (plan?.kind === 'pair') {
            const chosen = plan.rest.length > 0 ? chooseNamePair(db, namePairCandidates(lookup.tokens) as PairPlan[], PAIR_COUNT_CAP) : plan;
            found += statements.namePair.all(namePairParams(chosen, rows)).length;
          }
          else found += statements.name.all(plan ? ftsPrefixQuery(plan.token) : lookup.ftsQuery, rows).length;
          break;
        }
      }
    }
    return found;
  };
}

interface ModeResult {
  readonly mode: BenchMode;
  readonly handler: Timing;
  readonly raw: Timing;
  readonly handlerCpu: Timing;
  readonly rawCpu: Timing;
  readonly meanResults: number;
  readonly pass: boolean;
  readonly rounds?: ReadonlyArray<{ handler: Timing; raw: Timing; handlerCpu: Timing; rawCpu: Timing }>;
}

function ms(value: number): string {
  return value < 1 ? value.toFixed(3) : value.toFixed(2);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      accounts: { type: 'string', default: '1000000' },
      seed: { type: 'string', default: '1' },
      queries: { type: 'string', default: '2000' },
      rounds: { type: 'string', default: '3' },
    },
  });
  const accounts = Number(values.accounts);
  const seed = Number(values.seed);
  const queryCount = Number(values.queries);
  const rounds = Math.max(1, Number(values.rounds));
  mkdirSync(cacheDir, { recursive: true });
  const cached = ensureDataset(accounts, seed);
  // The cached set is shared (hard-linked between worktrees): opening it runs any migration
  // newer than the set and writes its WAL beside it. The benchmark works on a copy.
  const dir = mkdtempSync(join(tmpdir(), 'ocd-bench-search-'));
  const file = join(dir, 'bench.sqlite');
  console.log(`Copying ${cached} to ${file} ...`);
  copyFileSync(cached, file);
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

  const open = measureOpen(file);
  const db = openDatabase(file);
  const queries = sampleQueries(db, queryCount, 42);
  const viaHandler = createBenchDispatch(db);
  const raw = createRawSearch(db);

  // One untimed pass over every mode first, so the first mode measured does not also pay
  // for compiling the dispatcher and schema code the others then reuse.
  for (const mode of benchModes) {
    for (const query of queries[mode]) {
      await viaHandler(query);
      raw(classifyQuery(query).lookups);
    }
  }

  const modes: ModeResult[] = [];
  for (const mode of benchModes) {
    const inputs = queries[mode];
    // Classified up front: the raw side is only the statements, as a hand-written query would be.
    const pairs = inputs.map((query) => [query, classifyQuery(query).lookups] as const);
    const runs: ModeResult[] = [];
    for (let round = 0; round < rounds; round += 1) {
      let results = 0;
      const { a: handler, b: rawTiming, cpuA, cpuB } = await timePaired(
        pairs,
        async (query) => {
          results += (await viaHandler(query)).results.length;
        },
        raw,
      );
      // The overhead is judged at the median: at the 99th percentile a query of 20 microseconds
      // is decided by garbage collection and the other processes on the machine, not by the path.
      const pass = handler.p99 < targets.searchP99Ms && handler.p50 <= targets.handlerOverRaw * rawTiming.p50;
      runs.push({ mode, handler, raw: rawTiming, handlerCpu: cpuA, rawCpu: cpuB, meanResults: results / (2 * inputs.length), pass });
    }
    // Several rounds, reported by the median round, so one burst of another process on a
    // shared machine does not decide the result; every round is kept in the JSON.
    runs.sort((x, y) => x.handler.p99 - y.handler.p99);
    modes.push({
      ...(runs[Math.floor((runs.length - 1) / 2)] as ModeResult),
      rounds: runs.map((r) => ({ handler: r.handler, raw: r.raw, handlerCpu: r.handlerCpu, rawCpu: r.rawCpu })),
    });
  }
  const rssMb = process.memoryUsage().rss / 1024 / 1024;
  const nameReads = countNameReads(db, queries['name prefix'], SEARCH_LIMIT + 1);
  const pairPlan = db
    .prepare(`EXPLAIN QUERY PLAN ${searchSql.namePair}`)
    .all(namePairParams({ kind: 'pair', low: 'mary', high: 'sm', rest: [] }, SEARCH_LIMIT + 1))
    .map((row) => (row as { detail: string }).detail);
  // Other processes on a shared machine show up in the p99s; the load says how busy it was.
  const load = loadavg().map((value) => Number(value.toFixed(2)));
  db.close();

  const openPass = open.p50 < targets.openP50Ms;
  const rssPass = rssMb < targets.rssMb;
  console.log(
    `\n${accounts.toLocaleString('en-US')} accounts, ${queryCount} queries per mode and path, limit ${SEARCH_LIMIT}, median of ${rounds} rounds; times in ms`,
  );
  console.log(`Node ${process.version}, ${cpus().length} cores, load average ${load.join(' / ')} (1/5/15 min)`);
  console.log('| mode | handler p50 | handler p99 | raw p50 | raw p99 | handler/raw p50 | handler/raw p99 | CPU p99 handler / raw | rows | target | result |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|');
  for (const m of modes) {
    console.log(
      `| ${m.mode} | ${ms(m.handler.p50)} | ${ms(m.handler.p99)} | ${ms(m.raw.p50)} | ${ms(m.raw.p99)} | ${(m.handler.p50 / m.raw.p50).toFixed(2)}x | ${(m.handler.p99 / m.raw.p99).toFixed(2)}x | ${ms(m.handlerCpu.p99)} / ${ms(m.rawCpu.p99)} | ${m.meanResults.toFixed(1)} | p99 < ${targets.searchP99Ms} ms; p50 <= ${targets.handlerOverRaw}x raw | ${m.pass ? 'PASS' : 'FAIL'} |`,
    );
  }
  console.log(`| open + migration check (p50, max of ${OPENS}) | ${ms(open.p50)} | ${ms(open.max)} | | | | | | | p50 < ${targets.openP50Ms} ms | ${openPass ? 'PASS' : 'FAIL'} |`);
  console.log(`| resident memory, data set open | ${rssMb.toFixed(0)} MB | | | | | | | | < ${targets.rssMb} MB | ${rssPass ? 'PASS' : 'FAIL'} |`);
  console.log(`\nName pages (${nameReads.queries} queries, ${SEARCH_LIMIT + 1} rows asked): index entries read, by counting queries over the same ranges`);
  console.log('| plan | entries p50 | entries p99 | entries max | entries per row returned |');
  console.log('|---|---:|---:|---:|---:|');
  console.log(`| FTS5 intersection of every token (before) | ${nameReads.ftsEntries.p50} | ${nameReads.ftsEntries.p99} | ${nameReads.ftsEntries.max} | ${nameReads.ftsPerRow.toFixed(2)} |`);
  console.log(`| name plan: one token from FTS, two or more from the pair index | ${nameReads.planEntries.p50} | ${nameReads.planEntries.p99} | ${nameReads.planEntries.max} | ${nameReads.planPerRow.toFixed(2)} |`);
  console.log(`rows returned p50 ${nameReads.returned.p50}, p99 ${nameReads.returned.p99}`);
  console.log(`pair query plan ("mary sm"): ${pairPlan.join(' | ')}`);

  const report = {
    date: new Date().toISOString(),
    node: process.version,
    cores: cpus().length,
    loadAverage: load,
    accounts,
    seed,
    queriesPerMode: queryCount,
    rounds,
    limit: SEARCH_LIMIT,
    targets,
    search: modes,
    nameReads,
    pairPlan,
    open: { ...open, pass: openPass },
    rssMb: Math.round(rssMb),
    rssPass,
    pass: modes.every((m) => m.pass) && openPass && rssPass,
  };
  writeFileSync(join(cacheDir, 'last.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\n${report.pass ? 'ALL PASS' : 'SOME TARGETS FAILED'}; written to .cache/bench/last.json`);
  process.exitCode = report.pass ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
