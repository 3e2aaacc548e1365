import type { Account, Line } from '@shared/domain/account';
import { impactAsOf, type Impact, type Outage, type StoredImpact } from '@shared/domain/outage';
import { createAutomaticCreditEvaluator } from '@shared/policy/automatic-credits';
import type { Policy } from '@shared/policy/policy-schema';
import { creditFamily, EMPTY_FAMILY, type CreditFamily } from '@shared/policy/revision-adjustment';
import { countRunOutcome, type RunOutcomes } from '@shared/policy/run-outcomes';
import { touchReason } from '@shared/policy/touch-reason';
import type { ExistingCredit, NewCredits } from './policy-run-repo';

/** What one chunk reads: its accounts (ascending ids) with their lines, the outage's impacts and its credits. */
export interface ChunkFacts {
  accounts: readonly Account[];
  lines: ReadonlyMap<number, Line[]>;
  /** The outage's impacts by account; null when only whether one exists was read (`impacted`). */
  impacts: ReadonlyMap<number, StoredImpact[]> | null;
  /** With `impacts` null: the accounts with an impact of the outage (a summary read, see createSummaryReader). */
  impacted?: ReadonlySet<number>;
  credits: ReadonlyMap<number, ExistingCredit[]>;
}

const NO_LINES: Line[] = [];
const NO_IMPACTS: Impact[] = [];
const NO_CREDITS: ExistingCredit[] = [];
const emptyFamily = (): CreditFamily => EMPTY_FAMILY;

/**
 * Decides one policy for a chunk's accounts with the shared pure rules (the desktop's run
 * calls the same: createAutomaticCreditEvaluator, touchReason, the credit families of
 * revision-adjustment.ts), counting each account's outcome and appending the credits to
 * write to `out`. The same skips as the desktop's run: an account with a live override
 * credit for the outage is already credited (a person decided), and one the outage does not
 * concern under the policy is not eligible.
 */
export function createChunkEvaluator(policy: Policy, outage: Outage, asOf: string, nextId: () => string) {
  const evaluate = createAutomaticCreditEvaluator(policy, outage, asOf);
  const revision = outage.revision ?? 1;
  return function decideChunk(facts: ChunkFacts, outcomes: RunOutcomes, out: NewCredits): void {
    for (const account of facts.accounts) {
      const id = account.id;
      const credits = facts.credits.get(id) ?? NO_CREDITS;
      if (credits.some((credit) => credit.source === 'override' && credit.status !== 'reversed')) {
        countRunOutcome(outcomes, 'already_credited');
        continue;
      }
      const stored = facts.impacts?.get(id);
      const impacts = stored === undefined ? NO_IMPACTS : stored.map((row) => impactAsOf(row, asOf));
      const hasImpact = facts.impacts === null ? facts.impacted?.has(id) === true : impacts.length > 0;
      if (touchReason(account, outage, policy, hasImpact) === null) {
        countRunOutcome(outcomes, 'not_eligible');
        continue;
      }
      const family = credits.length === 0 ? emptyFamily : (baseKey: string) => creditFamily(credits, baseKey, revision);
      const result = evaluate({ account, lines: facts.lines.get(id) ?? NO_LINES, impacts, hasImpact, family });
      countRunOutcome(outcomes, result.status);
      for (const credit of result.credits) {
        out.ids.push(nextId());
        out.accountIds.push(id);
        out.lineIds.push(credit.lineId);
        out.amounts.push(credit.amountMinor);
        out.billDates.push(credit.billDate);
        out.keys.push(credit.idempotencyKey);
        out.reasons.push(credit.kind === 'adjustment' ? 'outage_revised' : null);
        out.revisions.push(credit.kind === 'adjustment' ? revision : null);
      }
    }
  };
}
