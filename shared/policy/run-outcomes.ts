import type { DecisionStatus } from './decision';

/**
 * How a policy run's accounts split by outcome. An account decided under several subjects
 * (lines) or policies takes the most hopeful of its statuses, in the engine's order
 * (eligible, needs review, already credited, not eligible), so each account counts once.
 */
export interface RunOutcomes {
  eligible: number;
  notEligible: number;
  alreadyCredited: number;
  needsReview: number;
}

const rank: Record<DecisionStatus, number> = { not_eligible: 0, already_credited: 1, needs_review: 2, eligible: 3 };

/** The more hopeful of two statuses of one account (the engine's aggregateStatus order). */
export function strongerStatus(a: DecisionStatus, b: DecisionStatus): DecisionStatus {
  return rank[b] > rank[a] ? b : a;
}

export function emptyRunOutcomes(): RunOutcomes {
  return { eligible: 0, notEligible: 0, alreadyCredited: 0, needsReview: 0 };
}

const field = {
  eligible: 'eligible',
  not_eligible: 'notEligible',
  already_credited: 'alreadyCredited',
  needs_review: 'needsReview',
} as const satisfies Record<DecisionStatus, keyof RunOutcomes>;

/** Counts one account's status into the outcomes (mutates them: a run counts a million accounts). */
export function countRunOutcome(outcomes: RunOutcomes, status: DecisionStatus): void {
  outcomes[field[status]] += 1;
}

export function addRunOutcomes(a: RunOutcomes, b: RunOutcomes): RunOutcomes {
  return {
    eligible: a.eligible + b.eligible,
    notEligible: a.notEligible + b.notEligible,
    alreadyCredited: a.alreadyCredited + b.alreadyCredited,
    needsReview: a.needsReview + b.needsReview,
  };
}
