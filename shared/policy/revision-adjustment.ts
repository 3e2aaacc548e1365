import { amountBoundMinor } from './compute-amount';
import type { Policy } from './policy-schema';

/**
 * Credits after an outage's facts are revised. The first credit of a subject (the account,
 * or one line) holds the subject's key; each later difference holds the key followed by
 * `|rev:<outage revision>`, so a revision is settled at most once and a second run after
 * the same revision writes nothing. Together they are the subject's credit family.
 */

export interface FamilyCredit {
  idempotencyKey: string;
  status: string;
  amountMinor: number;
}

export interface CreditFamily {
  /** Sum of the family's credits that are not reversed: what the customer has now. */
  liveMinor: number;
  liveCount: number;
  reversedCount: number;
  /** Whether a credit for this outage revision is already in the family. */
  revisionSettled: boolean;
  creditIds: string[];
}

/** What separates a family's base key from the revision of a later difference. */
export const REVISION_MARK = '|rev:';

export function adjustmentKey(baseKey: string, revision: number): string {
  return `${baseKey}${REVISION_MARK}${revision}`;
}

export function isInFamily(key: string, baseKey: string): boolean {
  return key === baseKey || (key.length > baseKey.length && key.startsWith(`${baseKey}${REVISION_MARK}`));
}

export const EMPTY_FAMILY: CreditFamily = Object.freeze({
  liveMinor: 0,
  liveCount: 0,
  reversedCount: 0,
  revisionSettled: false,
  creditIds: [],
}) as CreditFamily;

/** The family of `baseKey` among `credits` (which may hold other keys too). */
export function creditFamily(
  credits: ReadonlyArray<FamilyCredit & { id?: string }>,
  baseKey: string,
  revision: number,
): CreditFamily {
  const revisionKey = adjustmentKey(baseKey, revision);
  let family: CreditFamily | null = null;
  for (const credit of credits) {
    if (!isInFamily(credit.idempotencyKey, baseKey)) continue;
    family ??= { liveMinor: 0, liveCount: 0, reversedCount: 0, revisionSettled: false, creditIds: [] };
    if (credit.status === 'reversed') family.reversedCount += 1;
    else {
      family.liveCount += 1;
      family.liveMinor += credit.amountMinor;
    }
    if (credit.idempotencyKey === revisionKey) family.revisionSettled = true;
    if (credit.id !== undefined) family.creditIds.push(credit.id);
  }
  return family ?? EMPTY_FAMILY;
}

/**
 * The live total from which a credited subject gets nothing more from any run under the
 * policy, whatever its facts: a run pays only the difference up to what the policy gives
 * now, which is never more than the bound of its amount rules. Null when there is no such
 * total: the policy claws back (a change of facts can take some back), or an amount rule has
 * no bound that does not depend on the facts.
 */
export function settledAtMinor(policy: Policy): number | null {
  if (policy.revisions.clawback) return null;
  const bounds = [policy.amount, policy.prepaidAmount].filter((rule) => rule !== undefined).map(amountBoundMinor);
  return bounds.some((b) => b === null) ? null : Math.max(...(bounds as number[]));
}

/**
 * Whether a run gives the subject of this family nothing, whatever its facts, and decides it
 * already credited: it has a live credit, and a credit of the family was reversed (a person
 * decided), this revision is settled, or what it has live reaches `settledAt` (see
 * settledAtMinor). A run may skip such a subject without reading its facts;
 * `automatic-credits.test.ts` proves the evaluator then gives it nothing and that status.
 * (With no live credit, nothing is written either, but the status depends on the facts.)
 */
export function familyGetsNothingMore(family: CreditFamily, settledAt: number | null): boolean {
  if (family.liveCount === 0) return false;
  if (family.reversedCount > 0 || family.revisionSettled) return true;
  return settledAt !== null && family.liveMinor >= settledAt;
}

/**
 * What a run after a revision writes for a subject that has credits: the difference between
 * what the policy gives for the current facts and what the customer has. More is always
 * paid; less is taken back only when the policy claws back. Nothing when a credit of the
 * family was reversed (a person decided), or when this revision is already settled.
 */
export function revisionDelta(family: CreditFamily, policyNowMinor: number, clawback: boolean): number {
  if (family.liveCount === 0 || family.reversedCount > 0 || family.revisionSettled) return 0;
  const delta = policyNowMinor - family.liveMinor;
  return delta > 0 || clawback ? delta : 0;
}
