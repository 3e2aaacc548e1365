import type Database from 'better-sqlite3';
import type { AccountDetail } from '@shared/domain/account';
import { findAccountByNumber, listLinesOfAccount } from './account-repo';

/** The account with its lines, read in one snapshot; null when no account has that number. */
export function getAccountDetail(db: Database.Database, accountNumber: string): AccountDetail | null {
  return db.transaction((): AccountDetail | null => {
    const account = findAccountByNumber(db, accountNumber);
    if (!account) return null;
    return { account, lines: listLinesOfAccount(db, account.id) };
  }).deferred();
}
