import type { Account, Line } from '../domain/account';
import type { Outage } from '../domain/outage';
import { meetsThreshold } from './compute-amount';
import type { RuleCode } from './decision';
import { passOrFail, ruleResult, type EvaluatedRule } from './evaluated-rule';
import type { AmountRule, Policy } from './policy-schema';

export interface OutageDuration {
  ms: number;
  /** True while the outage has no end: `ms` is then the time from its start to the evaluation date. */
  ongoing: boolean;
}

export function outageDurationOf(outage: Outage, asOf: string): OutageDuration {
  const start = Date.parse(outage.startsAt);
  if (outage.endsAt !== null) return { ms: Date.parse(outage.endsAt) - start, ongoing: false };
  return { ms: Math.max(0, Date.parse(asOf) - start), ongoing: true };
}

function listRule(code: RuleCode, factName: string, value: string, allowed: readonly string[] | undefined): EvaluatedRule {
  if (allowed === undefined) return ruleResult(code, 'not_applicable', { [factName]: value });
  return ruleResult(code, passOrFail(allowed.includes(value)), { [factName]: value, allowed: [...allowed] }, {
    [factName]: [...allowed],
  });
}

/** Who is in: brand, segment, payment type, account status, country, region, currency. */
export function inclusionRules(account: Account, policy: Policy): EvaluatedRule[] {
  const inc = policy.inclusion;
  return [
    listRule('brand_included', 'brand', account.brand, inc.brands),
    listRule('segment_included', 'segment', account.segment, inc.segments),
    listRule('payment_type_included', 'paymentType', account.paymentType, inc.paymentTypes),
    listRule('account_status_included', 'accountStatus', account.status, inc.accountStatuses),
    listRule('country_included', 'country', account.country, inc.countries),
    listRule('region_included', 'region', account.region, inc.regions),
    ruleResult(
      'currency_supported',
      passOrFail(account.currency === policy.currency),
      { currency: account.currency, policyCurrency: policy.currency },
      { currency: policy.currency },
    ),
  ];
}

/** Per account: the account has at least one line of an included service type. */
export function accountServiceTypeRule(lines: readonly Line[], policy: Policy): EvaluatedRule {
  const allowed = policy.inclusion.serviceTypes;
  const present = [...new Set(lines.map((l) => l.serviceType))].sort();
  if (allowed === undefined) return ruleResult('service_type_included', 'not_applicable', { serviceTypes: present });
  return ruleResult(
    'service_type_included',
    passOrFail(present.some((t) => allowed.includes(t))),
    { serviceTypes: present, allowed: [...allowed] },
    { serviceTypes: [...allowed] },
  );
}

/** Whether the amount grows with the outage's own duration, so that it needs the final end. */
function amountNeedsOutageEnd(amount: AmountRule): boolean {
  // A fault-report amount runs to the fix, which is the outage's end.
  return amount.kind !== 'flat' && amount.durationBasis !== 'line_impact';
}

/** What the outage must be: duration, towers, subscribers, cause; and ended when the amount needs it. */
export function outageRules(outage: Outage, duration: OutageDuration, policy: Policy, amount: AmountRule): EvaluatedRule[] {
  const req = policy.outage;
  const durationMinutes = duration.ms / 60_000;
  const rules: EvaluatedRule[] = [];

  if (req.minDuration === undefined) {
    rules.push(ruleResult('outage_min_duration', 'not_applicable', { durationMinutes, ongoing: duration.ongoing }));
  } else {
    const met = meetsThreshold(duration.ms, req.minDuration);
    // An ongoing outage that has not yet lasted long enough may still do so.
    const outcome = met ? 'pass' : duration.ongoing ? 'unknown' : 'fail';
    rules.push(
      ruleResult(
        'outage_min_duration',
        outcome,
        {
          durationMinutes,
          ongoing: duration.ongoing,
          requiredMinutes: req.minDuration.minutes,
          inclusive: req.minDuration.inclusive,
        },
        { minDurationMinutes: req.minDuration.minutes, inclusive: req.minDuration.inclusive },
      ),
    );
  }

  rules.push(countRule('outage_min_towers', 'towersAffected', outage.towersAffected, req.minTowers, 'minTowers'));
  rules.push(
    countRule('outage_min_subscribers', 'subscribersAffected', outage.subscribersAffected, req.minSubscribers, 'minSubscribers'),
  );

  if (req.excludedCauses.length === 0) {
    rules.push(ruleResult('cause_not_excluded', 'not_applicable', { cause: outage.cause }));
  } else {
    rules.push(
      ruleResult(
        'cause_not_excluded',
        passOrFail(!req.excludedCauses.includes(outage.cause)),
        { cause: outage.cause, excludedCauses: [...req.excludedCauses] },
        { causeNotIn: [...req.excludedCauses] },
      ),
    );
  }

  if (amountNeedsOutageEnd(amount)) {
    rules.push(
      ruleResult('outage_ended', duration.ongoing ? 'unknown' : 'pass', { ongoing: duration.ongoing, endsAt: outage.endsAt }, {
        ended: true,
      }),
    );
  } else {
    rules.push(ruleResult('outage_ended', 'not_applicable', { ongoing: duration.ongoing, endsAt: outage.endsAt }));
  }
  return rules;
}

function countRule(
  code: RuleCode,
  factName: string,
  value: number | null,
  required: number | undefined,
  requiredName: string,
): EvaluatedRule {
  if (required === undefined) return ruleResult(code, 'not_applicable', { [factName]: value });
  const facts = { [factName]: value, [requiredName]: required };
  // A count nobody has made yet is missing data, not a failure.
  if (value === null) return ruleResult(code, 'unknown', facts, { [requiredName]: required });
  return ruleResult(code, passOrFail(value >= required), facts, { [requiredName]: required });
}
