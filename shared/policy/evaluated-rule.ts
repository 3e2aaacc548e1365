import type { DecisionStatus, Facts, RuleCode, RuleOutcome, RuleResult } from './decision';

/** A rule result plus the values that would have passed it, for `whatWouldChange`. */
export interface EvaluatedRule extends RuleResult {
  required: Facts;
}

export function ruleResult(code: RuleCode, outcome: RuleOutcome, facts: Facts, required: Facts = {}): EvaluatedRule {
  return { code, outcome, facts, required };
}

export function passOrFail(condition: boolean): RuleOutcome {
  return condition ? 'pass' : 'fail';
}

/**
 * Rules a person settles (evidence to confirm, a claim to register) do not keep the amount
 * from being worked out: the agent can tell the customer what confirming would give.
 */
export function settlesByConfirmation(rule: EvaluatedRule): boolean {
  return rule.outcome === 'unknown' && (rule.code === 'evidence_sufficient' || rule.code === 'claim_registered');
}

/** Whether the amount can be worked out: nothing fails, and nothing is unknown but what a person confirms. */
export function blocksAmountBeforeConfirmation(rules: readonly EvaluatedRule[]): boolean {
  return rules.some((r) => r.outcome === 'fail' || (r.outcome === 'unknown' && !settlesByConfirmation(r)));
}

/**
 * What the rules say about the amount: `fail` (nothing is due), `unknown` (not decidable
 * yet), `confirm` (undecided only by what a person confirms: the amount can be worked out),
 * `ok`. Combined, the first of fail, unknown, confirm wins.
 */
export type RuleGate = 'ok' | 'confirm' | 'unknown' | 'fail';
export function gateOf(rules: readonly EvaluatedRule[]): RuleGate {
  if (rules.some((r) => r.outcome === 'fail')) return 'fail';
  if (rules.some((r) => r.outcome === 'unknown' && !settlesByConfirmation(r))) return 'unknown';
  if (rules.some((r) => r.outcome === 'unknown')) return 'confirm';
  return 'ok';
}

export function combineGates(...gates: RuleGate[]): RuleGate {
  for (const gate of ['fail', 'unknown', 'confirm'] as const) if (gates.includes(gate)) return gate;
  return 'ok';
}

/**
 * One subject's status from its rules: a live credit under the same key wins (the customer
 * has it whatever the rules say now), then any failed rule, then any undecidable one.
 */
export function statusOf(rules: readonly EvaluatedRule[]): DecisionStatus {
  if (rules.some((r) => r.code === 'not_already_credited' && r.outcome === 'fail')) return 'already_credited';
  if (rules.some((r) => r.outcome === 'fail')) return 'not_eligible';
  if (rules.some((r) => r.outcome === 'unknown')) return 'needs_review';
  return 'eligible';
}

export function toRuleResult(rule: EvaluatedRule): RuleResult {
  return { code: rule.code, outcome: rule.outcome, facts: rule.facts };
}
