import type { DecisionStatus } from '../policy/decision';
import { noticeTexts, type CustomerLanguage, type NoticeCase } from './notice-texts';
import { smsSize, type SmsSize } from './sms-segments';

/** The facts of one decision that a notice states: the same ones the agent sees on screen. */
export interface NoticeFacts {
  readonly status: DecisionStatus | 'no_policy';
  /** What is credited (eligible: to be; already credited: was), in minor units. */
  readonly amountMinor: number;
  readonly currency: string;
  /** Bill dates (YYYY-MM-DD) for an eligible automatic credit; null otherwise. */
  readonly billEarliest: string | null;
  readonly billLatest: string | null;
  readonly outageStartsAt: string;
  readonly delivery: 'automatic' | 'on_request';
  /** The last day of an on-request claim window (YYYY-MM-DD), or null. */
  readonly claimUntil: string | null;
  readonly customerName: string;
  readonly brandName: string;
}

export interface CustomerNotice {
  readonly language: CustomerLanguage;
  readonly sms: string;
  readonly smsSize: SmsSize;
  readonly emailSubject: string;
  readonly emailBody: string;
}

/** The locale a notice in this language is written for (money and dates). */
export const noticeLocales: Record<CustomerLanguage, string> = { en: 'en-US', nl: 'nl-NL', es: 'es-US' };

function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

function noticeCase(facts: NoticeFacts): NoticeCase {
  if (facts.status === 'eligible') return facts.delivery === 'on_request' ? 'eligible_on_request' : 'eligible_automatic';
  return facts.status;
}

function calendarDate(isoDate: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`));
}

/**
 * The SMS and the email for one decision in the customer's language, from the decision's
 * own facts. A case whose facts are missing (an eligible credit without bill dates, say)
 * falls back to the wording that needs none, so a notice never says "{earliest}".
 */
export function customerNotice(facts: NoticeFacts, language: CustomerLanguage): CustomerNotice {
  const texts = noticeTexts[language];
  const locale = noticeLocales[language];
  let which = noticeCase(facts);
  if (which === 'eligible_automatic' && (!facts.billEarliest || !facts.billLatest)) which = 'needs_review';
  if (which === 'eligible_on_request' && !facts.claimUntil) which = 'needs_review';
  const values = {
    brand: facts.brandName,
    name: facts.customerName,
    amount: new Intl.NumberFormat(locale, { style: 'currency', currency: facts.currency }).format(facts.amountMinor / 100),
    date: calendarDate(facts.outageStartsAt, locale),
    earliest: facts.billEarliest ? calendarDate(facts.billEarliest, locale) : '',
    latest: facts.billLatest ? calendarDate(facts.billLatest, locale) : '',
    until: facts.claimUntil ? calendarDate(facts.claimUntil, locale) : '',
  };
  // Intl puts a no-break space in some amounts and dates (nl: "€ 5,00"); GSM-7 has only the plain one.
  const sms = fill(texts.sms[which], values).replace(/[\u00a0\u202f]/g, ' ');
  const emailBody = [fill(texts.greeting, values), '', fill(texts.body[which], values), '', fill(texts.closing, values)].join('\n');
  return { language, sms, smsSize: smsSize(sms), emailSubject: fill(texts.subject[which], values), emailBody };
}
