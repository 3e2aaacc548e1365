import { useEffect } from 'react';
import { AsyncState } from '../components/async-state';
import { CreditTimeline } from '../features/credits/components/credit-timeline';
import { DecisionList } from '../features/decisions/components/decision-list';
import { useDecisionsStore } from '../features/decisions/stores/decisions-store';
import { EvidencePanel } from '../features/evidence/components/evidence-panel';
import { useEvidenceStore } from '../features/evidence/stores/evidence-store';
import { useOverridePanelStore } from '../features/overrides/stores/override-panel-store';
import { canFileOverrides, canRecordEvidence } from './workspace-access';
import { errorMessage, t } from '../i18n/translate';
import { useDisplayLocale, useDisplayTimeZone, useSessionStore } from '../stores/session-store';
import { usePendingOverrideOutageIds } from './pending-overrides';

/**
 * The account view's outage slot: the decision per outage and the credit timeline. Both
 * come from one call, so they are composed here rather than one feature importing the other;
 * so is the override panel's knowledge of which outages have a request waiting.
 */
export function AccountOutcomes({ accountNumber }: { accountNumber: string }) {
  const status = useDecisionsStore((s) => s.status);
  const data = useDecisionsStore((s) => s.data);
  const error = useDecisionsStore((s) => s.error);
  const load = useDecisionsStore((s) => s.load);
  const locale = useDisplayLocale();
  const timeZone = useDisplayTimeZone();
  // The override panel knows which outages have a request waiting; the decision says so too.
  const pendingOverrideOutageIds = usePendingOverrideOutageIds();
  // Engine internals (the facts behind each rule) are for supervisors and admins, not agents.
  const showInternals = useSessionStore((s) => s.session?.role === 'supervisor' || s.session?.role === 'admin');

  const role = useSessionStore((s) => s.session?.role ?? null);
  const canRecord = role !== null && canRecordEvidence(role);
  const callId = useOverridePanelStore((s) => s.callId);
  const resetEvidence = useEvidenceStore((s) => s.reset);
  const reloadOverrides = useOverridePanelStore((s) => s.load);

  useEffect(() => {
    load(accountNumber);
    resetEvidence();
  }, [accountNumber, load, resetEvidence]);

  // A report or a claim can file a request or schedule a credit: both views are read again.
  function evidenceChanged() {
    load(accountNumber);
    if (canFile) void reloadOverrides(accountNumber);
  }
  const canFile = role !== null && canFileOverrides(role);

  return (
    <>
      <AsyncState
        status={status}
        loadingText={t('decisions.loading')}
        error={error ? errorMessage(error.code) : null}
        onRetry={() => load(accountNumber)}
      >
        {status === 'loaded' && data ? (
          <>
            <DecisionList data={data} locale={locale} timeZone={timeZone} pendingOverrideOutageIds={pendingOverrideOutageIds} showInternals={showInternals} />
            <EvidencePanel data={data} locale={locale} timeZone={timeZone} canRecord={canRecord} callId={callId} onChanged={evidenceChanged} />
            <CreditTimeline credits={data.credits} lines={data.lines} locale={locale} />
          </>
        ) : null}
      </AsyncState>
    </>
  );
}
