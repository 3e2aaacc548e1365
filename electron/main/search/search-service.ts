import type Database from 'better-sqlite3';
import type { SearchResponse } from '@shared/ipc/search-channels';
import { classifyQuery, lookupModes, type ClassifiedQuery, type Lookup } from '@shared/search/classify-query';
import { ftsPrefixQuery, namePairCandidates, planNameSearch, type NamePlan } from '@shared/search/name-plan';
import {
  chooseNamePair,
  findByAccountNumber, findByEmailPrefix, findByName, findByNamePair, findByPhone, findByPostalCode, type SearchRow } from './search-repo';

const DEFAULT_SEARCH_LIMIT = 50;

type PairPlan = Extract<NamePlan, { kind: 'pair' }>;

/**
 * Counting a candidate plan's range stops here: a range this large is not the rare pair,
 * and the count of each costs at most this many index entries.
 */
export const PAIR_COUNT_CAP = 256;

/** Runs one lookup, at most `limit` rows. */
function runLookup(db: Database.Database, lookup: Lookup, limit: number): SearchRow[] {
  switch (lookup.mode) {
    case 'account_number':
      return findByAccountNumber(db, lookup.accountNumber, limit);
    case 'phone':
      return findByPhone(db, lookup.e164, limit);
    case 'email':
      return findByEmailPrefix(db, lookup.emailPrefix, limit);
    case 'postal_code':
      return findByPostalCode(db, lookup.postalCodeNorm, limit);
    case 'name': {
      const plan = planNameSearch(lookup.tokens);
      if (plan?.kind === 'pair') {
        const chosen = plan.rest.length > 0 ? chooseNamePair(db, namePairCandidates(lookup.tokens) as PairPlan[], PAIR_COUNT_CAP) : plan;
        return findByNamePair(db, chosen, limit);
      }
      // Tokens covered by a longer one ask nothing more: one token streams from its prefix index.
      return findByName(db, plan ? ftsPrefixQuery(plan.token) : lookup.ftsQuery, limit);
    }
  }
}

/** Searches with an already classified query; results keep the first mode that found them. */
function searchClassified(db: Database.Database, query: ClassifiedQuery, limit: number): SearchResponse {
  const results: SearchRow[] = [];
  const seen = new Set<string>();
  let truncated = false;
  for (const lookup of query.lookups) {
    // One row past the limit tells whether more matched than we return.
    for (const row of runLookup(db, lookup, limit + 1)) {
      if (seen.has(row.accountNumber)) continue;
      if (results.length === limit) {
        truncated = true;
        break;
      }
      seen.add(row.accountNumber);
      results.push(row);
    }
  }
  return { modes: lookupModes(query), results, truncated };
}

/**
 * Finds accounts by whatever the agent typed: account number, phone number in any common
 * format, email (prefix), postal code or name prefix. Never throws on odd text: anything
 * that is not one of those kinds gives no results.
 */
export function searchAccounts(db: Database.Database, query: string, limit = DEFAULT_SEARCH_LIMIT): SearchResponse {
  return searchClassified(db, classifyQuery(query), limit);
}
