import type Database from 'better-sqlite3';
import type { SearchResponse } from '@shared/ipc/search-channels';
import type { NamePlan } from '@shared/search/name-plan';
import { cachedStatement } from '../db/statement-cache';

export type SearchRow = SearchResponse['results'][number];

// matchedBy comes from the SQL so rows go to the caller as they are, without a copy each.
const SUMMARY = `accounts.account_number AS accountNumber, accounts.holder_name AS holderName,
  accounts.brand, accounts.segment, accounts.payment_type AS paymentType, accounts.status,
  accounts.postal_code AS postalCode, accounts.region, accounts.currency`;

const LOW_WORDS = `WITH RECURSIVE low_words(word) AS (
      SELECT (SELECT low_word FROM account_name_pairs WHERE low_word >= @low AND low_word < @lowEnd ORDER BY low_word LIMIT 1)
      UNION ALL
      SELECT (SELECT low_word FROM account_name_pairs WHERE low_word > low_words.word AND low_word < @lowEnd ORDER BY low_word LIMIT 1)
      FROM low_words WHERE low_words.word IS NOT NULL
    )`;

/** Most tokens a name lookup has (MAX_NAME_TOKENS) less the two the pair index reads. */
const REST_SLOTS = 6;
const REST_MATCH = Array.from({ length: REST_SLOTS }, (_, i) => `(@r${i} = '' OR instr(' ' || pairs.other_words, ' ' || @r${i}) > 0)`).join(' AND ');

/** The SQL of every search mode, exported so tests can check each one's query plan. */
export const searchSql = {
  accountNumber: `SELECT ${SUMMARY}, 'account_number' AS matchedBy FROM accounts WHERE accounts.account_number = ? LIMIT ?`,
  // A phone number belongs to an account through one of its lines or as its contact number.
  phone: `SELECT ${SUMMARY}, 'phone' AS matchedBy FROM accounts WHERE accounts.id IN (
      SELECT lines.account_id FROM lines WHERE lines.number_e164 = @e164
      UNION SELECT accounts.id FROM accounts WHERE accounts.contact_phone_e164 = @e164
    ) ORDER BY accounts.id LIMIT @limit`,
  // A range on the index rather than LIKE, which would ignore the index for a bound pattern.
  emailPrefix: `SELECT ${SUMMARY}, 'email' AS matchedBy FROM accounts WHERE accounts.email_norm >= ? AND accounts.email_norm < ?
    ORDER BY accounts.email_norm LIMIT ?`,
  postalCode: `SELECT ${SUMMARY}, 'postal_code' AS matchedBy FROM accounts WHERE accounts.postal_code_norm = ? ORDER BY accounts.id LIMIT ?`,
  // One token: CROSS JOIN keeps the FTS prefix index as the driving table so LIMIT stops the scan early.
  name: `SELECT ${SUMMARY}, 'name' AS matchedBy FROM accounts_fts CROSS JOIN accounts ON accounts.id = accounts_fts.rowid
    WHERE accounts_fts MATCH ? LIMIT ?`,
  // Two or more tokens (shared/search/name-plan.ts): the distinct low words that start with
  // the low token are walked one index seek each (a skip scan), and under each the range of
  // high words that start with the high token is read in key order until LIMIT. Further
  // tokens are checked against the entry's other words, never against the account row.
  namePair: `${LOW_WORDS}
    SELECT ${SUMMARY}, 'name' AS matchedBy FROM low_words
    CROSS JOIN account_name_pairs AS pairs ON pairs.low_word = low_words.word AND pairs.high_word >= @high AND pairs.high_word < @highEnd
    CROSS JOIN accounts ON accounts.id = pairs.account_id
    WHERE ${REST_MATCH}
    LIMIT @limit`,
  /** How many entries a pair plan's range holds, up to @limit: what choosing among plans costs. */
  namePairCount: `${LOW_WORDS}
    SELECT count(*) FROM (SELECT 1 FROM low_words
      CROSS JOIN account_name_pairs AS pairs ON pairs.low_word = low_words.word AND pairs.high_word >= @high AND pairs.high_word < @highEnd
      LIMIT @limit)`,
} as const;

export interface NamePairParams {
  low: string;
  lowEnd: string;
  high: string;
  highEnd: string;
  limit: number;
  [slot: `r${number}`]: string;
}

type PairPlan = Extract<NamePlan, { kind: 'pair' }>;

/** Sorts after every string that starts with the prefix (the highest code point). */
const PREFIX_END = '\u{10FFFF}';

export function findByAccountNumber(db: Database.Database, accountNumber: string, limit: number): SearchRow[] {
  return cachedStatement<[string, number], SearchRow>(db, searchSql.accountNumber).all(accountNumber, limit);
}

export function findByPhone(db: Database.Database, e164: string, limit: number): SearchRow[] {
  return cachedStatement<[{ e164: string; limit: number }], SearchRow>(db, searchSql.phone).all({ e164, limit });
}

export function findByEmailPrefix(db: Database.Database, emailPrefix: string, limit: number): SearchRow[] {
  return cachedStatement<[string, string, number], SearchRow>(db, searchSql.emailPrefix).all(
    emailPrefix,
    emailPrefix + PREFIX_END,
    limit,
  );
}

export function findByPostalCode(db: Database.Database, postalCodeNorm: string, limit: number): SearchRow[] {
  return cachedStatement<[string, number], SearchRow>(db, searchSql.postalCode).all(postalCodeNorm, limit);
}

/** `ftsQuery` must come from classifyQuery, which quotes every token. */
export function findByName(db: Database.Database, ftsQuery: string, limit: number): SearchRow[] {
  return cachedStatement<[string, number], SearchRow>(db, searchSql.name).all(ftsQuery, limit);
}

/** The parameters of searchSql.namePair (and namePairCount) for a pair plan; `limit` rows at most. */
export function namePairParams(plan: PairPlan, limit: number): NamePairParams {
  const params: NamePairParams = { low: plan.low, lowEnd: plan.low + PREFIX_END, high: plan.high, highEnd: plan.high + PREFIX_END, limit };
  for (let i = 0; i < REST_SLOTS; i += 1) params[`r${i}`] = plan.rest[i] ?? '';
  return params;
}

/**
 * Of several pair plans for the same tokens, the one whose range holds the fewest entries
 * (counted up to `cap`): every match lies in each plan's range, so the smallest bounds
 * what the page reads.
 */
export function chooseNamePair(db: Database.Database, plans: readonly PairPlan[], cap: number): PairPlan {
  const count = cachedStatement<[NamePairParams], number>(db, searchSql.namePairCount).pluck();
  let best = plans[0] as PairPlan;
  let fewest = Number.POSITIVE_INFINITY;
  for (const plan of plans) {
    const entries = count.get(namePairParams(plan, Math.min(cap, fewest))) as number;
    if (entries < fewest) {
      fewest = entries;
      best = plan;
    }
  }
  return best;
}

/**
 * Accounts whose words hold both tokens of the plan (and the rest), at most `limit`, none
 * twice. An account with two pairs in the range ("maria marta muller" for "mar mu") comes
 * back once per pair; when that leaves fewer than `limit` of a full page, the page is read
 * again larger, so the count still says whether more matched.
 */
export function findByNamePair(db: Database.Database, plan: PairPlan, limit: number): SearchRow[] {
  const statement = cachedStatement<[NamePairParams], SearchRow>(db, searchSql.namePair);
  for (let read = limit; ; read *= 4) {
    const rows = statement.all(namePairParams(plan, read));
    const seen = new Set<string>();
    const unique: SearchRow[] = [];
    for (const row of rows) {
      if (seen.has(row.accountNumber)) continue;
      seen.add(row.accountNumber);
      unique.push(row);
    }
    if (unique.length === rows.length || rows.length < read || unique.length >= limit) return unique.slice(0, limit);
  }
}
