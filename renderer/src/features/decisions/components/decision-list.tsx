import type { AccountDecisions } from '@shared/ipc/decision-channels';
import { EmptyState } from '../../../components/empty-state';
import { t } from '../../../i18n/translate';
import { DecisionCard } from './decision-card';

export interface DecisionListProps {
  data: AccountDecisions;
  locale: string;
  timeZone: string;
  /** Outages with an override request waiting for a supervisor. */
  pendingOverrideOutageIds?: ReadonlySet<number>;
  /** Show the engine's facts behind each rule (supervisors and admins). */
  showInternals?: boolean;
}

/** The law's decision first among the decisions of one outage; otherwise as main sent them. */
function ordered(decisions: AccountDecisions['decisions']): AccountDecisions['decisions'] {
  const rank = (entry: AccountDecisions['decisions'][number]) => (entry.decision?.legalBasis === 'statute' ? 0 : 1);
  return decisions
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => (a.entry.outage.id === b.entry.outage.id ? rank(a.entry) - rank(b.entry) || a.index - b.index : a.index - b.index))
    .map(({ entry }) => entry);
}

/** One card per outage and policy that touched the account. */
export function DecisionList({ data, locale, timeZone, pendingOverrideOutageIds, showInternals = false }: DecisionListProps) {
  // Where the law gives an amount for an outage, a carrier policy for the same outage is goodwill beside it.
  const legalByOutage = new Map<number, number>();
  for (const { outage, decision } of data.decisions) {
    if (decision?.legalBasis === 'statute') legalByOutage.set(outage.id, Math.max(legalByOutage.get(outage.id) ?? 0, decision.amountMinor, decision.adjustments[0]?.policyNowMinor ?? decision.creditedMinor));
  }
  return (
    <section className="decisions" aria-labelledby="decisions-title">
      {/* In the outline under "Outages and credits", but not drawn: the panel's own title sits
          right above it, and each card names its outage. */}
      <h3 id="decisions-title" className="decisions__title visually-hidden">
        {t('decisions.title')}
      </h3>
      {data.decisions.length === 0 ? <EmptyState title={t('decisions.none')} /> : null}
      {ordered(data.decisions).map((entry) => (
        <DecisionCard
          key={`${entry.outage.id}-${entry.policy?.code ?? 'none'}-${entry.policy?.version ?? 0}`}
          entry={entry}
          lines={data.lines}
          locale={locale}
          timeZone={timeZone}
          overridePending={pendingOverrideOutageIds?.has(entry.outage.id) ?? false}
          showInternals={showInternals}
          {...(entry.decision?.legalBasis === 'carrier' && legalByOutage.has(entry.outage.id)
            ? { besideLegalAmountMinor: legalByOutage.get(entry.outage.id)! }
            : {})}
        />
      ))}
    </section>
  );
}
