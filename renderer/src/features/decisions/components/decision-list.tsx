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

/** One card per outage and policy that touched the account. */
export function DecisionList({ data, locale, timeZone, pendingOverrideOutageIds, showInternals = false }: DecisionListProps) {
  return (
    <section className="decisions" aria-labelledby="decisions-title">
      <h3 id="decisions-title" className="decisions__title">
        {t('decisions.title')}
      </h3>
      {data.decisions.length === 0 ? <EmptyState title={t('decisions.none')} /> : null}
      {data.decisions.map((entry) => (
        <DecisionCard
          key={`${entry.outage.id}-${entry.policy?.code ?? 'none'}-${entry.policy?.version ?? 0}`}
          entry={entry}
          lines={data.lines}
          locale={locale}
          timeZone={timeZone}
          overridePending={pendingOverrideOutageIds?.has(entry.outage.id) ?? false}
          showInternals={showInternals}
        />
      ))}
    </section>
  );
}
