import type Database from 'better-sqlite3';
import { classifyQuery } from '@shared/search/classify-query';
import { ftsPrefixQuery, namePairCandidates, planNameSearch, type NamePlan } from '@shared/search/name-plan';
import { chooseNamePair, namePairParams, searchSql } from '../../electron/main/search/search-repo';
import { PAIR_COUNT_CAP } from '../../electron/main/search/search-service';

type PairPlan = Extract<NamePlan, { kind: 'pair' }>;
import { summarize, type Timing } from './percentiles';

/**
 * How many index entries a 50-row name page reads, counted by counting queries over the
 * same ranges the page's query walks, for the FTS intersection every name search used
 * before and for the plan it uses now (shared/search/name-plan.ts).
 *
 * FTS5 answers `"a"* "b"*` by stepping through each token's doclist in rowid order until
 * the page is full, so it reads, per token, the entries whose rowid is at most the last
 * row returned. The pair plan reads one seek per distinct low word in the low token's
 * range plus the pair entries up to the page's last row; the one-token plan reads the
 * entries it returns.
 */
export interface NameReads {
  readonly queries: number;
  readonly returned: Timing;
  readonly ftsEntries: Timing;
  readonly planEntries: Timing;
  /** Entries read per row returned, summed over every query. */
  readonly ftsPerRow: number;
  readonly planPerRow: number;
}

export function countNameReads(db: Database.Database, queries: readonly string[], limit: number): NameReads {
  const ftsPage = db.prepare<[string, number], { id: number }>(
    'SELECT accounts_fts.rowid AS id FROM accounts_fts WHERE accounts_fts MATCH ? LIMIT ?',
  );
  const ftsUpTo = db.prepare<[string, number], number>('SELECT count(*) FROM accounts_fts WHERE accounts_fts MATCH ? AND rowid <= ?').pluck();
  const lowWords = db
    .prepare<[string, string], number>('SELECT count(DISTINCT low_word) FROM account_name_pairs WHERE low_word >= ? AND low_word < ?')
    .pluck();
  // The same walk as searchSql.namePair, yielding every pair entry it visits and whether
  // the further tokens kept it, without reading the accounts.
  // The last WHERE, the further tokens (the walk of low words has WHERE clauses of its own).
  const rest = /\n\s*WHERE ([^\n]*)\n\s*LIMIT @limit/.exec(searchSql.namePair)?.[1] ?? '1';
  const pairWalk = db.prepare(
    searchSql.namePair
      .replace(/SELECT accounts\.account_number[\s\S]*?FROM low_words/, `SELECT pairs.account_id AS id, (${rest}) AS kept FROM low_words`)
      .replace(/CROSS JOIN accounts ON[\s\S]*$/, ''),
  );
  const countPair = db.prepare(searchSql.namePairCount).pluck();
  const countRange = (p: PairPlan) => (countPair.get(namePairParams(p, PAIR_COUNT_CAP)) as number) + (lowWords.get(p.low, p.low + '\u{10FFFF}') as number);
  const returned: number[] = [];
  const fts: number[] = [];
  const plan: number[] = [];
  for (const query of queries) {
    const lookup = classifyQuery(query).lookups.find((l) => l.mode === 'name');
    if (!lookup || lookup.mode !== 'name') continue;
    const page = ftsPage.all(lookup.ftsQuery, limit);
    const last = page.at(-1)?.id ?? 0;
    fts.push(lookup.tokens.reduce((sum, token) => sum + (ftsUpTo.get(ftsPrefixQuery(token), last) as number), 0));
    const namePlan = planNameSearch(lookup.tokens);
    if (!namePlan) continue;
    if (namePlan.kind === 'single') {
      const rows = ftsPage.all(ftsPrefixQuery(namePlan.token), limit).length;
      plan.push(rows);
      returned.push(rows);
      continue;
    }
    const chosen = namePlan.rest.length > 0 ? chooseNamePair(db, namePairCandidates(lookup.tokens) as PairPlan[], PAIR_COUNT_CAP) : namePlan;
    const params = namePairParams(chosen, limit);
    let visited = 0;
    const seen = new Set<number>();
    for (const row of pairWalk.iterate(params) as Iterable<{ id: number; kept: number }>) {
      visited += 1;
      if (row.kept === 1) seen.add(row.id);
      if (seen.size >= limit) break;
    }
    // The choice among candidate plans counts their ranges: those entries are read too.
    const counted = namePlan.rest.length > 0 ? (namePairCandidates(lookup.tokens) as PairPlan[]).reduce((sum, p) => sum + countRange(p), 0) : 0;
    plan.push(visited + (lowWords.get(params.low, params.lowEnd) as number) + counted);
    returned.push(seen.size);
  }
  const total = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const rows = Math.max(1, total(returned));
  return {
    queries: returned.length,
    returned: summarize(returned),
    ftsEntries: summarize(fts),
    planEntries: summarize(plan),
    ftsPerRow: total(fts) / rows,
    planPerRow: total(plan) / rows,
  };
}
