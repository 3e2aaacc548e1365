import type { Line } from '@shared/domain/account';
import type { OutageDecision } from '@shared/ipc/decision-channels';
import { formatCalendarDate, formatDateTime, formatMoney } from '../../../lib/format';
import { formatPhoneNumber } from '../../../lib/phone';
import { t } from '../../../i18n/translate';
import { derivationLines } from '../wording/derivation-text';
import { policyName } from '../wording/policy-text';
import type { WordingContext } from '../wording/rule-sentence';
import { PerLineResults } from './per-line-results';
import { RuleList } from './rule-list';
import { DecisionStatusBadge } from './status-badge';
import { WhatWouldChange } from './what-would-change';
import './decision-card.css';

export interface DecisionCardProps {
  entry: OutageDecision;
  lines: readonly Line[];
  locale: string;
  timeZone: string;
  /** An override request for this outage waits for a supervisor. */
  overridePending?: boolean;
  /** Show the engine's facts behind each rule (supervisors and admins). */
  showInternals?: boolean;
  /** A carrier policy for an outage the law also pays: the legal amount it is offered beside. */
  besideLegalAmountMinor?: number;
}


/** One outage under one policy: the decision, its amount and bill date, and every rule behind it. */
export function DecisionCard({ entry, lines, locale, timeZone, overridePending = false, showInternals = false, besideLegalAmountMinor }: DecisionCardProps) {
  const { outage, policy, decision } = entry;
  // The same format as the lines table, so the agent matches the numbers at a glance.
  const lineNumbers = new Map(lines.map((line) => [line.id, formatPhoneNumber(line.numberE164)]));
  const titleId = `decision-${outage.id}-${policy?.code ?? 'none'}`;
  const period = outage.endsAt
    ? t('decision.outagePeriod', { start: formatDateTime(outage.startsAt, locale, timeZone), end: formatDateTime(outage.endsAt, locale, timeZone) })
    : t('decision.outageOngoing', { start: formatDateTime(outage.startsAt, locale, timeZone) });
  const touched =
    outage.touchedBy === 'impact'
      ? t('decision.touchedByImpact', { lines: outage.impactedLineIds.map((id) => lineNumbers.get(id) ?? id).join(', ') })
      : t('decision.touchedByRegion', { region: outage.regions.join(', ') });

  return (
    <article className="decision" aria-labelledby={titleId} data-status={decision?.status ?? 'no_policy'}>
      <header className="decision__header">
        <h3 id={titleId} className="decision__title">
          {outage.title}
        </h3>
        {decision ? <DecisionStatusBadge status={decision.status} /> : null}
      </header>
      {overridePending ? <p className="decision__pending">{t('decision.overridePending')}</p> : null}
      <p className="decision__meta">{period}</p>
      <p className="decision__meta">{touched}</p>
      {policy && decision ? (
        <DecisionBody
          entry={entry}
          lineNumbers={lineNumbers}
          locale={locale}
          showInternals={showInternals}
          {...(besideLegalAmountMinor !== undefined ? { besideLegalAmountMinor } : {})}
        />
      ) : (
        <p className="decision__no-policy">{t('decision.noPolicy')}</p>
      )}
    </article>
  );
}

function DecisionBody({
  entry,
  lineNumbers,
  locale,
  showInternals,
  besideLegalAmountMinor,
}: {
  entry: OutageDecision;
  lineNumbers: Map<number, string>;
  locale: string;
  showInternals: boolean;
  besideLegalAmountMinor?: number;
}) {
  const policy = entry.policy!;
  const decision = entry.decision!;
  const wording: WordingContext = { policyCode: policy.code, storedPolicyName: policy.name, currency: decision.currency, locale };
  const money = (minor: number) => formatMoney(minor, decision.currency, locale);
  const derivation = derivationLines(decision.derivation, { currency: decision.currency, locale, lineNumbers });
  // The law's amount (and goodwill beside it) reads as what the policy gives, also once it is credited.
  const givesMinor =
    decision.status === 'already_credited' && (decision.legalBasis === 'statute' || besideLegalAmountMinor !== undefined)
      ? (decision.adjustments[0]?.policyNowMinor ?? decision.creditedMinor)
      : decision.amountMinor;
  return (
    <>
      <p className="decision__meta">
        {t('decision.policy', { name: policyName(policy.code, policy.name), version: t('policy.version', { version: policy.version }) })}
      </p>
      <p className="decision__amount" data-legal-basis={decision.legalBasis}>
        <span className="decision__amount-label">
          {t(decision.legalBasis === 'statute' ? 'decision.legalAmount' : besideLegalAmountMinor !== undefined ? 'decision.goodwillAmount' : 'decision.amount')}
        </span>{' '}
        <strong data-testid="decision-amount">{money(givesMinor)}</strong>
      </p>
      {besideLegalAmountMinor !== undefined ? (
        <p className="decision__legal" data-testid="decision-beside-legal">
          {t('decision.besideLegal', { amount: money(besideLegalAmountMinor) })}
        </p>
      ) : null}
      {decision.legalBasis === 'statute' ? <p className="decision__legal">{t('decision.legalAmountNote')}</p> : null}
      {decision.creditedMinor > 0 ? <p>{t('decision.credited', { amount: money(decision.creditedMinor) })}</p> : null}
      {decision.adjustments.map((a) => (
        <section key={a.idempotencyKey} className="decision__adjustment" data-testid="decision-adjustment">
          <h4 className="decision__subtitle">{t('decision.adjustmentTitle')}</h4>
          <p>
            {t(a.deltaMinor > 0 ? 'decision.adjustmentMore' : a.deltaMinor < 0 ? 'decision.adjustmentClawback' : 'decision.adjustmentLess', {
              credited: money(a.creditedMinor),
              now: money(a.policyNowMinor),
              delta: money(Math.abs(a.deltaMinor)),
            })}
          </p>
        </section>
      ))}
      {decision.status === 'needs_review' && decision.review.length > 0 ? (
        <section className="decision__review" data-testid="decision-review">
          <h4 className="decision__subtitle">{t('decision.reviewTitle')}</h4>
          {decision.pendingAmountMinor > 0 ? <p>{t('decision.pending', { amount: money(decision.pendingAmountMinor) })}</p> : null}
          <ul>
            {[...new Set(decision.review.map((r) => r.confirmBy))].map((path) => (
              <li key={path} data-confirm={path}>
                {t(`review.${path}`)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {decision.delivery.claimWindowEndsOn ? (
        <p>{t('decision.claimWindow', { date: formatCalendarDate(decision.delivery.claimWindowEndsOn, locale) })}</p>
      ) : null}
      {decision.predictedPosting ? (
        <p className="decision__posting">
          {t('decision.posting', {
            earliest: formatCalendarDate(decision.predictedPosting.earliest, locale),
            latest: formatCalendarDate(decision.predictedPosting.latest, locale),
          })}
        </p>
      ) : null}
      <p className="decision__unit">{t(decision.unit === 'account' ? 'decision.perAccount' : 'decision.perLine')}</p>
      {decision.variant === 'prepaid' ? <p>{t('decision.prepaidVariant')}</p> : null}
      <p className="decision__delivery">{t(`decision.delivery.${decision.delivery.mode}`)}</p>
      {derivation.length > 0 && decision.unit === 'account' ? (
        <section className="decision__derivation">
          <h4 className="decision__subtitle">{t('decision.derivationTitle')}</h4>
          {derivation.map((text) => (
            <p key={text} className="decision__derivation-line">
              {text}
            </p>
          ))}
        </section>
      ) : null}
      {decision.unit === 'line' ? <PerLineResults decision={decision} lineNumbers={lineNumbers} wording={wording} /> : null}
      {decision.status !== 'eligible' ? <WhatWouldChange decision={decision} lineNumbers={lineNumbers} locale={locale} /> : null}
      {/* Why: collapsed, one Enter on its summary away; the answer above is what the agent reads. */}
      <details className="decision__why" data-testid="decision-why">
        <summary className="decision__subtitle">{t('decision.whyTitle', { count: decision.rules.filter((r) => r.outcome !== 'not_applicable').length })}</summary>
        <section className="decision__rules" aria-label={t('decision.rulesTitle')}>
          <RuleList rules={decision.rules} wording={wording} showFacts={showInternals} />
        </section>
      </details>
    </>
  );
}
