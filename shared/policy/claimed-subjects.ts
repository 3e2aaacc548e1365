import type { Decision } from './decision';

/** One credit an eligible decision pays now: the account's, or one eligible line's. */
export interface ClaimedSubject {
  lineId: number | null;
  key: string;
  amountMinor: number;
}

/**
 * The subjects an eligible decision pays now: the account, or each eligible line. The desktop
 * and the hub both write a claim's credits from this, under these keys.
 */
export function claimedSubjects(decision: Decision): ClaimedSubject[] {
  if (decision.unit === 'account') {
    return decision.idempotencyKey !== null && decision.amountMinor > 0
      ? [{ lineId: null, key: decision.idempotencyKey, amountMinor: decision.amountMinor }]
      : [];
  }
  return decision.perLine
    .filter((line) => line.status === 'eligible' && line.amountMinor > 0)
    .map((line) => ({ lineId: line.lineId, key: line.idempotencyKey, amountMinor: line.amountMinor }));
}

/**
 * Whether the decision's credit now rests only on the customer's report: a supervisor must
 * approve it (the desktop and the hub file the request for it from this).
 */
export function restsOnReport(decision: Decision): boolean {
  return (
    decision.status === 'needs_review' &&
    decision.pendingAmountMinor > 0 &&
    decision.review.length > 0 &&
    decision.review.every((r) => r.confirmBy === 'supervisor_approval')
  );
}
