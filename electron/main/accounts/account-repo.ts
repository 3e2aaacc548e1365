import type Database from 'better-sqlite3';
import type { Account, Line } from '@shared/domain/account';
import { cachedStatement } from '../db/statement-cache';

export const accountSql = {
  byNumber: `SELECT id, account_number AS accountNumber, holder_name AS holderName, email,
      contact_phone_e164 AS contactPhoneE164, brand, segment, payment_type AS paymentType, status,
      bill_cycle_day AS billCycleDay, currency, monthly_charge_minor AS monthlyChargeMinor, country,
      region, postal_code AS postalCode, preferred_language AS preferredLanguage
    FROM accounts WHERE account_number = ?`,
  lines: `SELECT id, number_e164 AS numberE164, service_type AS serviceType,
      monthly_rate_minor AS monthlyRateMinor, status
    FROM lines WHERE account_id = ? ORDER BY id`,
} as const;

export function findAccountByNumber(db: Database.Database, accountNumber: string): Account | undefined {
  return cachedStatement<[string], Account>(db, accountSql.byNumber).get(accountNumber);
}

export function listLinesOfAccount(db: Database.Database, accountId: number): Line[] {
  return cachedStatement<[number], Line>(db, accountSql.lines).all(accountId);
}
