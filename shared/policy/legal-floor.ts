import type { Decision } from './decision';

/**
 * The amount the law gives an account for an outage, from the decisions of the outage's
 * policies for it: the largest amount a statutory rule set (`legalBasis: 'statute'`) pays or
 * paid it; 0 where no statute applies or none pays. The desktop (legal-floor.ts in
 * electron/main/overrides) and the hub (hub/src/operations/evidence-case.ts) each evaluate the
 * account's decisions from their own data and take the floor here, so an override below it is
 * refused with the same coded error (`below_legal_amount`, checkLegalFloor) in both places.
 */
export function legalFloorOf(decisions: Iterable<Pick<Decision, 'legalBasis' | 'status' | 'amountMinor' | 'creditedMinor'>>): number {
  let floor = 0;
  for (const decision of decisions) {
    if (decision.legalBasis !== 'statute') continue;
    if (decision.status !== 'eligible' && decision.status !== 'already_credited') continue;
    floor = Math.max(floor, decision.amountMinor, decision.creditedMinor);
  }
  return floor;
}
