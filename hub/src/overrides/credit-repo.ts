import type { ExistingCreditFacts } from '@shared/domain/override';
import type { CreditChange } from '@shared/hub/changes';
import type { Tx } from '../db/transaction';

export interface LiveCreditRow {
  id: string;
  amountMinor: number;
  status: string;
  idempotencyKey: string;
  policyCode: string;
  version: number;
}

/** The account's credits for the outage that are not reversed, oldest first. */
export async function listLiveCredits(tx: Tx, accountId: number, outageId: number): Promise<LiveCreditRow[]> {
  const { rows } = await tx.query<LiveCreditRow>(
    `SELECT id, amount_minor AS "amountMinor", status, idempotency_key AS "idempotencyKey", policy_code AS "policyCode", version
     FROM credits WHERE account_id = $1 AND outage_id = $2 AND status <> 'reversed' ORDER BY created_at, id`,
    [accountId, outageId],
  );
  return rows;
}

export function liveCreditFacts(credits: readonly LiveCreditRow[]): ExistingCreditFacts {
  return { liveCreditCount: credits.length, liveCreditMinor: credits.reduce((sum, credit) => sum + credit.amountMinor, 0) };
}

export async function reverseCredit(tx: Tx, creditId: string): Promise<boolean> {
  const { rowCount } = await tx.query("UPDATE credits SET status = 'reversed', version = version + 1 WHERE id = $1 AND status <> 'reversed'", [creditId]);
  return rowCount === 1;
}

export interface NewOverrideCredit {
  id: string;
  accountId: number;
  outageId: number;
  policyCode: string;
  amountMinor: number;
  currency: string;
  scheduledOn: string;
  billDate: string;
  idempotencyKey: string;
  overrideRequestId: string;
  createdAt: Date;
}

/** False when the key is taken: a credit for this account, outage and policy exists already. */
export async function insertOverrideCredit(tx: Tx, credit: NewOverrideCredit): Promise<boolean> {
  const { rowCount } = await tx.query(
    `INSERT INTO credits (id, account_id, outage_id, policy_code, amount_minor, currency, source, status, scheduled_on, bill_date,
       idempotency_key, override_request_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'override', 'scheduled', $7, $8, $9, $10, $11)
     ON CONFLICT (idempotency_key) DO NOTHING`,
    [credit.id, credit.accountId, credit.outageId, credit.policyCode, credit.amountMinor, credit.currency, credit.scheduledOn, credit.billDate, credit.idempotencyKey, credit.overrideRequestId, credit.createdAt],
  );
  return rowCount === 1;
}

/** A credit as the change log carries it. */
export async function readCreditChange(tx: Tx, creditId: string): Promise<CreditChange> {
  const { rows } = await tx.query<CreditChange>(
    `SELECT c.id, a.account_number AS "accountNumber", c.outage_id AS "outageId", c.amount_minor AS "amountMinor", c.currency,
       c.source, c.status, to_char(c.scheduled_on, 'YYYY-MM-DD') AS "scheduledOn", to_char(c.bill_date, 'YYYY-MM-DD') AS "billDate",
       c.override_request_id AS "overrideRequestId"
     FROM credits c JOIN accounts a ON a.id = c.account_id WHERE c.id = $1`,
    [creditId],
  );
  return rows[0]!;
}
