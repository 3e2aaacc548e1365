import type { Facts, RuleCode, RuleResult } from '@shared/policy/decision';
import { formatCalendarDate, formatMoney, formatNumber } from '../../../lib/format';
import { t, type MessageParams } from '../../../i18n/translate';
import { tIfPresent } from './catalog-lookup';
import { policyAudience, policyName } from './policy-text';
import { formatDuration, joinOr, labelCode, labelFact, lowerFirst } from './value-labels';

export interface WordingContext {
  policyCode: string;
  /** The stored policy name, used when the catalog has no customer-facing name for it. */
  storedPolicyName: string;
  currency: string;
  locale: string;
}

/** The inclusion rules: which fact holds the account's value. */
const inclusionFact: Partial<Record<RuleCode, string>> = {
  brand_included: 'brand',
  segment_included: 'segment',
  payment_type_included: 'paymentType',
  account_status_included: 'accountStatus',
  country_included: 'country',
  region_included: 'region',
};

function codes(facts: Facts, name: string): string[] {
  const value = facts[name];
  return Array.isArray(value) ? value.map(String) : [];
}

function num(facts: Facts, name: string): number {
  const value = facts[name];
  return typeof value === 'number' ? value : 0;
}

/** A calendar date fact (or the date part of an instant) in the interface's locale; as stored when it is not one. */
function calendarDate(value: unknown, locale: string): string {
  const text = String(value ?? '').slice(0, 10);
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? formatCalendarDate(text, locale) : text;
}

function atLeast(value: string, inclusive = true): string {
  return t(inclusive ? 'requirement.atLeast' : 'requirement.moreThan', { value });
}

function paramsFor(rule: RuleResult, ctx: WordingContext): MessageParams {
  const { code, facts } = rule;
  const name = policyName(ctx.policyCode, ctx.storedPolicyName);
  const base = { policy: name, policyLower: lowerFirst(name) };
  const factName = inclusionFact[code];
  if (factName) {
    const raw = String(facts[factName] ?? '');
    const label = labelCode(factName, raw);
    const allowed = codes(facts, 'allowed').map((c) => labelCode(factName, c));
    return {
      ...base,
      value: code === 'account_status_included' ? lowerFirst(label) : label,
      audience: policyAudience(ctx.policyCode, allowed.map(lowerFirst)),
    };
  }
  switch (code) {
    case 'currency_supported':
      return { ...base, value: String(facts.currency), required: String(facts.policyCurrency) };
    case 'service_type_included': {
      const allowed = codes(facts, 'allowed');
      const present = codes(facts, 'serviceTypes');
      const shown = rule.outcome === 'pass' ? allowed.filter((c) => present.includes(c)) : allowed;
      return { ...base, required: joinOr(shown.map((c) => lowerFirst(labelCode('serviceType', c)))) };
    }
    case 'outage_min_duration':
      return {
        ...base,
        duration: formatDuration(num(facts, 'durationMinutes')),
        required: atLeast(formatDuration(num(facts, 'requiredMinutes')), facts.inclusive !== false),
      };
    case 'outage_min_towers':
      return { ...base, value: labelFact('towersAffected', facts.towersAffected, ctx.locale), required: formatNumber(num(facts, 'minTowers'), ctx.locale) };
    case 'outage_min_subscribers':
      return {
        ...base,
        value: labelFact('subscribersAffected', facts.subscribersAffected, ctx.locale),
        required: formatNumber(num(facts, 'minSubscribers'), ctx.locale),
      };
    case 'cause_not_excluded':
      return { ...base, value: labelCode('cause', String(facts.cause)) };
    case 'has_lines':
      return { ...base, value: formatNumber(num(facts, 'lineCount'), ctx.locale) };
    case 'line_service_type_included':
      return {
        ...base,
        value: lowerFirst(labelCode('serviceType', String(facts.serviceType))),
        required: joinOr(codes(facts, 'allowed').map((c) => lowerFirst(labelCode('serviceType', c)))),
      };
    case 'line_status_included':
      return {
        ...base,
        value: lowerFirst(labelCode('lineStatus', String(facts.lineStatus))),
        required: joinOr(codes(facts, 'allowed').map((c) => lowerFirst(labelCode('lineStatus', c)))),
      };
    case 'line_min_consecutive_minutes':
      return {
        ...base,
        value: facts.lostMinutes === null ? t('value.unknown') : formatDuration(num(facts, 'lostMinutes')),
        required: atLeast(formatDuration(num(facts, 'minConsecutiveMinutes'))),
      };
    case 'policy_in_effect':
      return { ...base, value: calendarDate(facts.startsOn, ctx.locale) };
    case 'fault_report_recorded':
      return { ...base, value: calendarDate(facts.reportedAt, ctx.locale) };
    case 'claim_registered':
      return { ...base, value: calendarDate(facts.claimedAt, ctx.locale) };
    case 'claim_window_open':
      return { ...base, value: calendarDate(facts.windowEndsOn, ctx.locale) };
    case 'amount_positive':
      return { ...base, value: formatMoney(num(facts, 'amountMinor'), ctx.currency, ctx.locale) };
    default:
      return base;
  }
}

/** One plain sentence an agent can read to the customer, for one evaluated rule. */
export function ruleSentence(rule: RuleResult, ctx: WordingContext): string {
  const params = paramsFor(rule, ctx);
  if (rule.outcome === 'not_applicable') return t('rule.notApplicable', params);
  return tIfPresent(`rule.${rule.code}.${rule.outcome}`, params) ?? t('rule.unknown');
}

export function ruleName(code: RuleCode): string {
  return tIfPresent(`ruleName.${code}`) ?? code;
}
