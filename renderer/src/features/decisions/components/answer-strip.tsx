import { useEffect, useState } from 'react';
import type { AccountDecisions, OutageDecision } from '@shared/ipc/decision-channels';
import type { Decision } from '@shared/policy/decision';
import { Button } from '../../../components/button';
import { catalogLocaleForCustomer, inInterfaceLanguage, interfaceLocaleOf } from '../../../i18n/interface-language';
import { t } from '../../../i18n/translate';
import { formatCalendarDate, formatMoney } from '../../../lib/format';
import { policyName } from '../wording/policy-text';
import { ruleSentence } from '../wording/rule-sentence';
import { CustomerNotice, type NoticeCustomer } from './customer-notice';
import { DecisionStatusBadge } from './status-badge';
import './answer-strip.css';

export interface AnswerStripProps {
  data: AccountDecisions;
  locale: string;
  /** Outages with an override request waiting for a supervisor. */
  pendingOverrideOutageIds?: ReadonlySet<number>;
  /** Opens the override form for the outage; absent for a role that cannot file. */
  onRequestOverride?: (outageId: number) => void;
  /** The account's holder, brand and language, for the notice to send them; no notice without it. */
  customer?: NoticeCustomer | undefined;
}


/** The sentence the agent reads aloud for one decision: the answer first, then what follows. */
export function answerSentence(entry: OutageDecision, locale: string): string {
  const { decision, policy } = entry;
  if (!decision || !policy) return t('answer.noPolicy');
  const money = (minor: number) => formatMoney(minor, decision.currency, locale);
  switch (decision.status) {
    case 'eligible': {
      const posting = decision.predictedPosting;
      const when = posting
        ? t('answer.onBill', { earliest: formatCalendarDate(posting.earliest, locale), latest: formatCalendarDate(posting.latest, locale) })
        : '';
      const then = decision.delivery.mode === 'automatic' ? t('answer.nothingToDo') : t('answer.mustAsk');
      return t('answer.eligible', { amount: money(decision.amountMinor), when, then }).replace(/\s+/g, ' ').trim();
    }
    case 'already_credited':
      return t('answer.alreadyCredited', { amount: money(decision.creditedMinor) });
    case 'needs_review': {
      const first = decision.review[0];
      return first ? t('answer.needsReview', { ask: t(`review.${first.confirmBy}`) }) : t('answer.needsReviewPlain');
    }
    case 'not_eligible':
      return t('answer.notEligible', { reason: notEligibleReason(decision, policy, locale) });
  }
}

/** The first rule that failed, in the customer's words (the rule sentences of the card). */
function notEligibleReason(decision: Decision, policy: NonNullable<OutageDecision['policy']>, locale: string): string {
  const failed = decision.rules.find((rule) => rule.outcome === 'fail');
  if (!failed) return t('answer.notCovered', { policy: policyName(policy.code, policy.name) });
  return ruleSentence(failed, { policyCode: policy.code, storedPolicyName: policy.name, currency: decision.currency, locale });
}

/**
 * The answer at the top of the account: one row per outage that touched it, with the status
 * in words and colour, the amount, the bill, and the sentence to read to the caller. The
 * rules behind it are further down, in the decision cards.
 */
export function AnswerStrip({ data, locale, pendingOverrideOutageIds, onRequestOverride, customer }: AnswerStripProps) {
  // The sentence to say is in the customer's language where a catalog speaks it; Alt+L (or the
  // button) switches it to the interface's and back.
  const interfaceLocale = interfaceLocaleOf(locale);
  const customerLocale = customer ? catalogLocaleForCustomer(customer.preferredLanguage) : null;
  const canSwitch = customerLocale !== null && customerLocale !== interfaceLocale;
  const [inCustomerLanguage, setInCustomerLanguage] = useState(true);
  useEffect(() => {
    if (!canSwitch) return;
    function onKeyDown(event: KeyboardEvent) {
      if (event.altKey && !event.ctrlKey && !event.metaKey && event.key.toLowerCase() === 'l') {
        event.preventDefault();
        setInCustomerLanguage((value) => !value);
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [canSwitch]);
  if (data.decisions.length === 0) return null;
  const sayLocale = canSwitch && inCustomerLanguage ? customerLocale : null;
  const languageName = (of: string) => t(`language.${of.slice(0, 2) as 'en' | 'nl'}`);
  const say = (entry: OutageDecision) => (sayLocale ? inInterfaceLanguage(sayLocale, () => answerSentence(entry, sayLocale)) : answerSentence(entry, locale));
  return (
    <section className="answer-strip" aria-label={t('answer.label')}>
      <ul className="answer-strip__rows">
        {data.decisions.map((entry) => {
          const { decision, outage } = entry;
          const pending = pendingOverrideOutageIds?.has(outage.id) ?? false;
          const canRequest = Boolean(onRequestOverride && decision?.overridePossible.possible && decision.status !== 'eligible' && !pending);
          return (
            <li
              key={`${outage.id}-${entry.policy?.code ?? 'none'}`}
              className="answer-strip__row"
              data-status={decision?.status ?? 'no_policy'}
              data-testid="answer-row"
            >
              <div className="answer-strip__what">
                {decision ? <DecisionStatusBadge status={decision.status} /> : null}
                <span className="answer-strip__outage">{outage.title}</span>
                {decision && (decision.status === 'eligible' || decision.status === 'already_credited') ? (
                  <strong className="answer-strip__amount">
                    {formatMoney(decision.status === 'eligible' ? decision.amountMinor : decision.creditedMinor, decision.currency, locale)}
                  </strong>
                ) : null}
              </div>
              <p className="answer-strip__say">
                <span className="answer-strip__say-label">{sayLocale ? t('answer.sayIn', { language: languageName(sayLocale) }) : t('answer.say')}</span>{' '}
                <span lang={(sayLocale ?? interfaceLocale).slice(0, 2)} data-testid="answer-say">
                  {say(entry)}
                </span>
              </p>
              {canSwitch ? (
                <Button className="answer-strip__switch" onClick={() => setInCustomerLanguage((value) => !value)}>
                  {t('answer.switchLanguage', { language: languageName(inCustomerLanguage ? interfaceLocale : customerLocale!) })}
                </Button>
              ) : null}
              {pending ? <p className="answer-strip__pending">{t('decision.overridePending')}</p> : null}
              {canRequest ? (
                <Button className="answer-strip__override" onClick={() => onRequestOverride?.(outage.id)}>
                  {t('answer.requestOverride')}
                </Button>
              ) : null}
              {customer ? <CustomerNotice entry={entry} customer={customer} /> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
