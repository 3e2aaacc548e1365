import type Database from 'better-sqlite3';
import type { ExistingCreditFacts } from '@shared/domain/override';
import { listLiveCredits, type LiveCreditRow } from '../credits/credit-repo';

export function liveCreditFacts(credits: readonly LiveCreditRow[]): ExistingCreditFacts {
  return {
    liveCreditCount: credits.length,
    liveCreditMinor: credits.reduce((sum, credit) => sum + credit.amountMinor, 0),
  };
}

export function readLiveCredits(db: Database.Database, accountId: number, outageId: number) {
  const rows = listLiveCredits(db, accountId, outageId);
  return { rows, facts: liveCreditFacts(rows) };
}
