import type { Line } from '@shared/domain/account';
import type { OutageDecision } from '@shared/ipc/decision-channels';
import { formatDate, formatDateTime, formatMoney } from '../../../lib/format';
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
}

/** A bill date is a calendar date, not an instant: shown as that date whatever the time zone. */
function billDate(isoDate: string, locale: string): string {
  return formatDate(`${isoDate}T00:00:00.000Z`, locale, 'UTC');
}

/** One outage under one policy: the decision, its amount and bill date, and every rule behind it. */
export function DecisionCard({ entry, lines, locale, timeZone }: DecisionCardProps) {
  const { outage, policy, decision } = entry;
  const lineNumbers = new Map(lines.map((line) => [line.id, line.numberE164]));
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
      <p className="decision__meta">{period}</p>
      <p className="decision__meta">{touched}</p>
      {policy && decision ? (
        <DecisionBody entry={entry} lineNumbers={lineNumbers} locale={locale} />
      ) : (
        <p className="decision__no-policy">{t('decision.noPolicy')}</p>
      )}
    </article>
  );
}

function DecisionBody({ entry, lineNumbers, locale }: { entry: OutageDecision; lineNumbers: Map<number, string>; locale: string }) {
  const policy = entry.policy!;
  const decision = entry.decision!;
  const wording: WordingContext = { policyCode: policy.code, storedPolicyName: policy.name, currency: decision.currency, locale };
  const money = (minor: number) => formatMoney(minor, decision.currency, locale);
  const derivation = derivationLines(decision.derivation, { currency: decision.currency, locale, lineNumbers });
  return (
    <>
      <p className="decision__meta">
        {t('decision.policy', { name: policyName(policy.code, policy.name), version: t('policy.version', { version: policy.version }) })}
      </p>
      <p className="decision__amount">
        <span className="decision__amount-label">{t('decision.amount')}</span>{' '}
        <strong data-testid="decision-amount">{money(decision.amountMinor)}</strong>
      </p>
      {decision.creditedMinor > 0 ? <p>{t('decision.credited', { amount: money(decision.creditedMinor) })}</p> : null}
      {decision.predictedPosting ? (
        <p className="decision__posting">
          {t('decision.posting', {
            earliest: billDate(decision.predictedPosting.earliest, locale),
            latest: billDate(decision.predictedPosting.latest, locale),
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
      <section className="decision__rules">
        <h4 className="decision__subtitle">{t('decision.rulesTitle')}</h4>
        <RuleList rules={decision.rules} wording={wording} />
      </section>
    </>
  );
}
