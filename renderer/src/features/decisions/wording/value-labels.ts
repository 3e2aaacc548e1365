import { formatNumber } from '../../../lib/format';
import { t } from '../../../i18n/translate';
import { tIfPresent } from './catalog-lookup';

/** Catalog prefixes for facts whose values are codes (brand `att` is shown as "AT&T"). */
const labelPrefix: Record<string, string> = {
  brand: 'brand',
  segment: 'segment',
  paymentType: 'paymentType',
  accountStatus: 'accountStatus',
  lineStatus: 'lineStatus',
  serviceType: 'serviceType',
  serviceTypes: 'serviceType',
  cause: 'cause',
  causeNotIn: 'cause',
  country: 'country',
};

export function labelCode(factName: string, code: string): string {
  const prefix = labelPrefix[factName];
  return (prefix ? tIfPresent(`${prefix}.${code}`) : null) ?? code;
}

/** "A", "A or B", "A, B or C". */
export function joinOr(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return t('list.or', { head: items.slice(0, -1).join(', '), last: items[items.length - 1]! });
}

export function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Minutes as "11 h 25 min", "26 h", "45 min". */
export function formatDuration(minutes: number): string {
  const whole = Math.round(minutes);
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  if (hours === 0) return t('duration.minutes', { minutes: rest });
  return rest === 0 ? t('duration.hours', { hours }) : t('duration.hoursMinutes', { hours, minutes: rest });
}

/** A fact value in words: codes labelled, lists joined, booleans as yes or no, minutes as durations. */
export function labelFact(name: string, value: unknown, locale: string): string {
  if (value === null || value === undefined) return t('value.unknown');
  if (typeof value === 'boolean') return t(value ? 'value.yes' : 'value.no');
  if (Array.isArray(value)) return joinOr(value.map((v) => labelFact(name, v, locale)));
  if (typeof value === 'number') {
    return /minutes/i.test(name) ? formatDuration(value) : formatNumber(value, locale);
  }
  return labelCode(name, String(value));
}
