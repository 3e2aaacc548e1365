import type Database from 'better-sqlite3';
import type { SearchResponse } from '@shared/ipc/search-channels';
import { cachedStatement } from '../db/statement-cache';

export type SearchRow = SearchResponse['results'][number];

// matchedBy comes from the SQL so rows go to the caller as they are, without a copy each.
const SUMMARY = `accounts.account_number AS accountNumber, accounts.holder_name AS holderName,
  accounts.brand, accounts.segment, accounts.payment_type AS paymentType, accounts.status,
  accounts.postal_code AS postalCode, accounts.region, accounts.currency`;

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
  // CROSS JOIN keeps the FTS index as the driving table so LIMIT stops the scan early.
  name: `SELECT ${SUMMARY}, 'name' AS matchedBy FROM accounts_fts CROSS JOIN accounts ON accounts.id = accounts_fts.rowid
    WHERE accounts_fts MATCH ? LIMIT ?`,
} as const;

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
