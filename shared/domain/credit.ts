import { z } from 'zod';
import { Currency } from './account';
import { OutageId } from './outage';

export const creditSources = ['automatic', 'override'] as const;
export const CreditSource = z.enum(creditSources);
export type CreditSource = z.infer<typeof CreditSource>;

export const creditStatuses = ['pending', 'scheduled', 'posted', 'reversed'] as const;
export const CreditStatus = z.enum(creditStatuses);
export type CreditStatus = z.infer<typeof CreditStatus>;

export const PolicyCode = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).max(64);
export type PolicyCode = z.infer<typeof PolicyCode>;

export const IsoDate = z.iso.date();

export const Credit = z.object({
  /** Globally unique, created where the credit is created (see DESIGN section 8). */
  id: z.string().min(1).max(64),
  accountId: z.int().positive(),
  /** Set for per-line policies; null for one credit per account. */
  lineId: z.int().positive().nullable(),
  outageId: OutageId,
  policyCode: PolicyCode,
  policyVersion: z.int().positive(),
  amountMinor: z.int().min(0).max(1_000_000_000),
  currency: Currency,
  source: CreditSource,
  status: CreditStatus,
  scheduledOn: IsoDate,
  billDate: IsoDate,
  idempotencyKey: z.string().min(1).max(200),
});
export type Credit = z.infer<typeof Credit>;

export interface CreditSubject {
  accountId: number;
  /** Given for a per-line credit: the line, not the account, is then the key's subject. */
  lineId?: number | null;
  outageId: number;
  policyCode: string;
}

/**
 * The key that makes a second identical credit impossible: (account or line, outage,
 * policy code). The policy version is left out on purpose: a revised version of the same
 * policy must not pay the same outage again.
 */
export function idempotencyKey(subject: CreditSubject): string {
  const who = subject.lineId == null ? `${ACCOUNT_KEY_PREFIX}${subject.accountId}` : `line:${subject.lineId}`;
  return `${who}${keySuffix(subject.outageId, subject.policyCode)}`;
}

/** What a per-account key starts with, before the account id. */
export const ACCOUNT_KEY_PREFIX = 'account:';

/**
 * The same key in a store that knows the account under another id. A key names its subject by
 * the id of the store that built it, and each store (the hub's PostgreSQL, each desktop's
 * SQLite) has its own ids: a desktop whose cache was not loaded from the hub's snapshot (a
 * demo seed, a feed imported locally) knows account 287100000001 as, say, 7 where the hub
 * has 3. Where a key crosses from one store to another (a hub credit applied to a desktop's
 * cache, a desktop's claimed credit sent to the hub) the receiver gives it its own id for the
 * account, found by the account number both share, so both name the same (account, outage,
 * policy) with the key each of them would build, and the at-most-once guarantee of each
 * store's unique key holds across them. What follows the account (outage, policy, a
 * revision's or an override's suffix) is kept. Stored and exported keys are never rebuilt in
 * another format: billing has received them. A line's key (`line:`), or any other, is returned
 * as it is.
 */
export function keyForAccountId(key: string, accountId: number): string {
  if (!key.startsWith(ACCOUNT_KEY_PREFIX)) return key;
  const bar = key.indexOf('|');
  if (bar < 0 || !/^[1-9][0-9]*$/.test(key.slice(ACCOUNT_KEY_PREFIX.length, bar))) return key;
  return `${ACCOUNT_KEY_PREFIX}${accountId}${key.slice(bar)}`;
}

/** What every key of an outage and policy ends with, after the account or line id (SQL builds keys from it). */
export function keySuffix(outageId: number, policyCode: string): string {
  return `|outage:${outageId}|policy:${policyCode}`;
}
