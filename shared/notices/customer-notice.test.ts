import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decisionStatuses } from '../policy/decision';
import { customerNotice, type NoticeFacts } from './customer-notice';
import { customerLanguages, noticeTexts } from './notice-texts';

const eligible: NoticeFacts = {
  status: 'eligible',
  amountMinor: 500,
  currency: 'USD',
  billEarliest: '2024-03-14',
  billLatest: '2024-04-14',
  outageStartsAt: '2024-02-22T08:45:00.000Z',
  delivery: 'automatic',
  claimUntil: null,
  customerName: 'Maria Müller',
  brandName: 'AT&T',
};

const facts = fc.record<NoticeFacts>({
  status: fc.constantFrom(...decisionStatuses, 'no_policy' as const),
  amountMinor: fc.integer({ min: 0, max: 999_999 }),
  currency: fc.constantFrom('USD', 'EUR'),
  billEarliest: fc.option(fc.constantFrom('2024-03-14', '2026-12-31')),
  billLatest: fc.option(fc.constantFrom('2024-04-14', '2027-01-31')),
  outageStartsAt: fc.constantFrom('2024-02-22T08:45:00.000Z', '2026-01-14T16:00:00.000Z'),
  delivery: fc.constantFrom('automatic' as const, 'on_request' as const),
  claimUntil: fc.option(fc.constantFrom('2026-02-28')),
  customerName: fc.constantFrom('Maria Müller', 'Jan de Vries', 'José Peña'),
  brandName: fc.constantFrom('AT&T', 'Cricket', 'Odido'),
});

describe('the notice to send the customer', () => {
  it('says the amount and both bills the agent sees, in English, Dutch and Spanish', () => {
    expect(customerNotice(eligible, 'en').sms).toBe(
      'AT&T: a $5.00 credit for the outage of Feb 22, 2024 will be on your bill of Mar 14, 2024 (at the latest Apr 14, 2024). No action needed.',
    );
    const dutch = customerNotice({ ...eligible, currency: 'EUR', customerName: 'Jan de Vries' }, 'nl');
    expect(dutch.sms).toContain('€ 5,00');
    expect(dutch.sms).toContain('14 mrt 2024');
    expect(dutch.emailBody.startsWith('Beste Jan de Vries,')).toBe(true);
    const spanish = customerNotice(eligible, 'es');
    expect(spanish.sms).toContain('$5.00');
    expect(spanish.emailSubject).toBe('Su crédito de $5.00 por la interrupción del 22 feb 2024');
  });

  it('keeps every SMS, in every language and case, to one GSM-7 message for the demo brands and names', () => {
    fc.assert(
      fc.property(facts, fc.constantFrom(...customerLanguages), (f, language) => {
        const notice = customerNotice(f, language);
        expect(notice.smsSize, notice.sms).toMatchObject({ encoding: 'gsm7', segments: 1 });
      }),
    );
  });

  it('never leaves a placeholder in any text, whatever facts are missing', () => {
    fc.assert(
      fc.property(facts, fc.constantFrom(...customerLanguages), (f, language) => {
        const notice = customerNotice(f, language);
        for (const text of [notice.sms, notice.emailSubject, notice.emailBody]) expect(text).not.toMatch(/\{\w+\}/);
      }),
    );
  });

  it('has every case in every language, with the same placeholders as English', () => {
    const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const language of customerLanguages) {
      for (const part of ['sms', 'subject', 'body'] as const) {
        for (const [which, english] of Object.entries(noticeTexts.en[part])) {
          const text = noticeTexts[language][part][which as keyof typeof noticeTexts.en.sms];
          expect(names(text), `${language} ${part} ${which}`).toEqual(names(english));
        }
      }
    }
  });

  it('says so when the credit has no bill dates yet, instead of promising one', () => {
    expect(customerNotice({ ...eligible, billEarliest: null, billLatest: null }, 'en').sms).toContain('we are checking');
    expect(customerNotice({ ...eligible, delivery: 'on_request', claimUntil: '2026-02-28' }, 'en').sms).toContain('Ask for it by Feb 28, 2026');
  });
});
