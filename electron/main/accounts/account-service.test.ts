import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountDetail } from '@shared/domain/account';
import { openDatabase } from '../db/open-database';
import { demoAccounts } from '../demo/demo-accounts';
import { seedDemo } from '../demo/generate-dataset';
import { getAccountDetail } from './account-service';

let db: Database.Database;
beforeAll(() => {
  db = openDatabase(':memory:');
  seedDemo(db);
});
afterAll(() => db.close());

describe('getAccountDetail', () => {
  it('returns the account with all its lines, in the shape of the IPC contract', () => {
    const detail = getAccountDetail(db, demoAccounts.mariaMuller.accountNumber);
    expect(AccountDetail.safeParse(detail).success).toBe(true);
    expect(detail?.account).toMatchObject({
      accountNumber: '287100000001',
      holderName: 'Maria Müller',
      email: 'maria.muller@example.com',
      contactPhoneE164: '+12125550147',
      brand: 'att',
      segment: 'consumer',
      paymentType: 'postpaid',
      status: 'active',
      billCycleDay: 14,
      currency: 'USD',
      monthlyChargeMinor: 12000,
      country: 'US',
      region: 'NY',
      postalCode: '10001',
      preferredLanguage: 'en',
    });
    expect(detail?.lines.map((line) => [line.numberE164, line.serviceType, line.monthlyRateMinor, line.status])).toEqual([
      ['+12125550147', 'wireless_voice', 6500, 'active'],
      ['+12125550148', 'wireless_voice', 4000, 'active'],
      ['+12125550149', 'wireless_data', 1500, 'active'],
    ]);
  });

  it('returns a Dutch account in euros', () => {
    const detail = getAccountDetail(db, demoAccounts.janDeVries.accountNumber);
    expect(detail?.account).toMatchObject({ currency: 'EUR', country: 'NL', postalCode: '1012 AB', monthlyChargeMinor: 4650 });
  });

  it('returns null for an account number nobody has', () => {
    expect(getAccountDetail(db, '999999999999')).toBeNull();
  });

  it('returns generated accounts in the contract shape too', () => {
    const numbers = db.prepare('SELECT account_number AS n FROM accounts ORDER BY id LIMIT 200').all() as Array<{ n: string }>;
    for (const { n } of numbers) expect(AccountDetail.safeParse(getAccountDetail(db, n)).success).toBe(true);
  });
});
