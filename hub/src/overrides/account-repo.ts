import type { Currency } from '@shared/domain/account';
import type { Tx } from '../db/transaction';

export interface AccountRow {
  id: number;
  accountNumber: string;
  region: string;
  currency: Currency;
  billCycleDay: number;
}

export async function findAccountByNumber(tx: Tx, accountNumber: string): Promise<AccountRow | null> {
  const { rows } = await tx.query<AccountRow>(
    `SELECT id, account_number AS "accountNumber", region, currency, bill_cycle_day AS "billCycleDay" FROM accounts WHERE account_number = $1`,
    [accountNumber],
  );
  return rows[0] ?? null;
}

export interface OutageRow {
  id: number;
  regions: string[];
  policyCode: string | null;
}

export async function findOutage(tx: Tx, outageId: number): Promise<OutageRow | null> {
  const { rows } = await tx.query<OutageRow>('SELECT id, regions, policy_code AS "policyCode" FROM outages WHERE id = $1', [outageId]);
  return rows[0] ?? null;
}

