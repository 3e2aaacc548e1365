import type { Line } from '../domain/account';
import type { Impact } from '../domain/outage';
import { passOrFail, ruleResult, type EvaluatedRule } from './evaluated-rule';
import type { AmountRule, Policy } from './policy-schema';

/** Whether the policy asks anything of a line beyond its service type. */
export function hasLineRequirements(policy: Policy): boolean {
  const req = policy.line;
  return (
    req.impactRequired ||
    req.minConsecutiveMinutes !== undefined ||
    req.connectedAtStart === true ||
    policy.inclusion.lineStatuses !== undefined
  );
}

/**
 * The impact that speaks for a line: the one with the longest consecutive loss (the
 * earliest first on a tie), since the rules are about the longest run without service.
 */
export function impactForLine(lineId: number, outageId: number, impacts: readonly Impact[]): Impact | null {
  let best: Impact | null = null;
  for (const impact of impacts) {
    if (impact.lineId !== lineId || impact.outageId !== outageId) continue;
    if (
      best === null ||
      impact.lostMinutes > best.lostMinutes ||
      (impact.lostMinutes === best.lostMinutes && Date.parse(impact.startsAt) < Date.parse(best.startsAt))
    ) {
      best = impact;
    }
  }
  return best;
}

/** The rules one line is held to, in order. */
export function lineRules(line: Line, impact: Impact | null, policy: Policy, amount: AmountRule): EvaluatedRule[] {
  const inc = policy.inclusion;
  const req = policy.line;
  const hasImpact = impact !== null;
  // Without an impact record, the impact-derived rules have nothing to look at; when the
  // record itself is required its own rule already fails and they are not applicable.
  const missingImpactOutcome = req.impactRequired ? 'not_applicable' : 'fail';
  const rules: EvaluatedRule[] = [];

  rules.push(
    inc.serviceTypes === undefined
      ? ruleResult('line_service_type_included', 'not_applicable', { serviceType: line.serviceType })
      : ruleResult(
          'line_service_type_included',
          passOrFail(inc.serviceTypes.includes(line.serviceType)),
          { serviceType: line.serviceType, allowed: [...inc.serviceTypes] },
          { serviceType: [...inc.serviceTypes] },
        ),
  );
  rules.push(
    inc.lineStatuses === undefined
      ? ruleResult('line_status_included', 'not_applicable', { lineStatus: line.status })
      : ruleResult(
          'line_status_included',
          passOrFail(inc.lineStatuses.includes(line.status)),
          { lineStatus: line.status, allowed: [...inc.lineStatuses] },
          { lineStatus: [...inc.lineStatuses] },
        ),
  );
  rules.push(
    req.impactRequired
      ? ruleResult('line_impact_required', passOrFail(hasImpact), { hasImpact }, { hasImpact: true })
      : ruleResult('line_impact_required', 'not_applicable', { hasImpact }),
  );

  const minMinutes = req.minConsecutiveMinutes;
  if (minMinutes === undefined) {
    rules.push(ruleResult('line_min_consecutive_minutes', 'not_applicable', { lostMinutes: impact?.lostMinutes ?? null }));
  } else if (impact === null) {
    rules.push(
      ruleResult('line_min_consecutive_minutes', missingImpactOutcome, { lostMinutes: null, minConsecutiveMinutes: minMinutes }, {
        minConsecutiveMinutes: minMinutes,
      }),
    );
  } else {
    const met = impact.lostMinutes >= minMinutes;
    // A line still without service may yet reach the minimum.
    const outcome = met ? 'pass' : impact.endsAt === null ? 'unknown' : 'fail';
    rules.push(
      ruleResult(
        'line_min_consecutive_minutes',
        outcome,
        { lostMinutes: impact.lostMinutes, minConsecutiveMinutes: minMinutes, ongoing: impact.endsAt === null },
        { minConsecutiveMinutes: minMinutes },
      ),
    );
  }

  if (req.connectedAtStart !== true) {
    rules.push(ruleResult('line_connected_at_start', 'not_applicable', { connectedAtStart: impact?.connectedAtStart ?? null }));
  } else if (impact === null) {
    rules.push(
      ruleResult('line_connected_at_start', missingImpactOutcome, { connectedAtStart: null }, { connectedAtStart: true }),
    );
  } else {
    rules.push(
      ruleResult(
        'line_connected_at_start',
        passOrFail(impact.connectedAtStart),
        { connectedAtStart: impact.connectedAtStart },
        { connectedAtStart: true },
      ),
    );
  }

  const needsImpactEnd = amount.kind !== 'flat' && amount.durationBasis === 'line_impact';
  if (needsImpactEnd && impact !== null) {
    rules.push(
      ruleResult('line_impact_ended', impact.endsAt === null ? 'unknown' : 'pass', { endsAt: impact.endsAt }, { ended: true }),
    );
  } else {
    rules.push(ruleResult('line_impact_ended', 'not_applicable', { endsAt: impact?.endsAt ?? null }));
  }
  return rules;
}
