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

export function blocksAmount(rules: readonly EvaluatedRule[]): boolean {
  return rules.some((r) => r.outcome === 'fail' || r.outcome === 'unknown');
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
