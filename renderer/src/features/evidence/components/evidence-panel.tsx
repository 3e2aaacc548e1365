import { useState } from 'react';
import { countsAsEvidence } from '@shared/domain/fault-report';
import type { AccountDecisions, OutageDecision } from '@shared/ipc/decision-channels';
import { Button } from '../../../components/button';
import { ErrorBanner } from '../../../components/error-banner';
import { TextField } from '../../../components/text-field';
import { t } from '../../../i18n/translate';
import { formatDateTime, formatMoney } from '../../../lib/format';
import { formatPhoneNumber } from '../../../lib/phone';
import { overrideRefusalText } from '../../../lib/override-refusal-text';
import { evidenceRefusalText } from '../lib/evidence-refusal-text';
import { useEvidenceStore, type EvidenceNotice } from '../stores/evidence-store';
import { EvidenceSyncNote } from './evidence-sync-note';
import { FaultReportForm } from './fault-report-form';
import './evidence.css';

export interface EvidencePanelProps {
  data: AccountDecisions;
  locale: string;
  timeZone: string;
  /** Agents and supervisors record; others only read. */
  canRecord: boolean;
  callId: string | null;
  /** Something was recorded: the decisions are read again. */
  onChanged: () => void;
}

/** The outages of the account, once each, with the decisions under each policy attached to it. */
function outagesOf(data: AccountDecisions): Array<{ id: number; title: string; entries: OutageDecision[] }> {
  const byId = new Map<number, { id: number; title: string; entries: OutageDecision[] }>();
  for (const entry of data.decisions) {
    const known = byId.get(entry.outage.id) ?? { id: entry.outage.id, title: entry.outage.title, entries: [] };
    known.entries.push(entry);
    byId.set(entry.outage.id, known);
  }
  return [...byId.values()];
}

/**
 * The customer's own evidence per outage: the fault reports recorded (the register, for
 * agents and supervisors alike), the claims of on-request credits, and the actions that add
 * to them. What follows (a supervisor's approval, a credit) is main's decision; the panel
 * says what happened.
 */
export function EvidencePanel({ data, locale, timeZone, canRecord, callId, onChanged }: EvidencePanelProps) {
  const formOutageId = useEvidenceStore((s) => s.formOutageId);
  const openForm = useEvidenceStore((s) => s.openForm);
  const closeForm = useEvidenceStore((s) => s.closeForm);
  const notice = useEvidenceStore((s) => s.notice);
  const lineNumbers = new Map(data.lines.map((l) => [l.id, formatPhoneNumber(l.numberE164)]));
  const outages = outagesOf(data);
  if (outages.length === 0) return null;

  return (
    <section className="evidence" aria-labelledby="evidence-title" data-testid="evidence-panel">
      <h3 id="evidence-title" className="evidence__title">
        {t('evidence.title')}
      </h3>
      {outages.map((outage) => {
        const reports = data.faultReports.filter((r) => r.outageId === outage.id);
        const claims = data.claims.filter((c) => c.outageId === outage.id);
        const claimable = outage.entries.filter(
          (e) => e.decision?.review.some((r) => r.confirmBy === 'register_claim') && !claims.some((c) => c.policyCode === e.policy?.code && countsAsEvidence(c)),
        );
        return (
          <div key={outage.id} className="evidence__outage" data-evidence-outage={outage.id}>
            <h4 className="evidence__outage-title">{t('evidence.outageTitle', { outage: outage.title })}</h4>
            {reports.length === 0 ? <p className="evidence__none">{t('evidence.none')}</p> : null}
            {reports.length > 0 ? (
              <ul className="evidence__list" aria-label={t('evidence.reportsTitle')}>
                {reports.map((r) => (
                  <li key={r.id} data-testid="fault-report" data-sync-state={r.syncState ?? 'none'}>
                    {t('evidence.report', {
                      scope: r.lineId === null ? t('evidence.scopeAccount') : t('evidence.scopeLine', { line: lineNumbers.get(r.lineId) ?? r.lineId }),
                      failed: r.failed.map((f) => t(`evidence.failed.${f}`)).join(', '),
                      from: formatDateTime(r.fromAt, locale, timeZone),
                      to: r.toAt ? t('evidence.reportUntil', { to: formatDateTime(r.toAt, locale, timeZone) }) : t('evidence.reportOngoing'),
                      agent: r.recordedBy,
                      reportedAt: formatDateTime(r.reportedAt, locale, timeZone),
                      ref: r.interactionRef,
                    })}{' '}
                    <EvidenceSyncNote syncState={r.syncState} syncRefusal={r.syncRefusal} locale={locale} />
                    {r.syncState === 'refused' ? <span className="evidence__sync-consequence"> {t('evidence.sync.refusedReport')}</span> : null}
                    <blockquote className="evidence__note">{r.note}</blockquote>
                  </li>
                ))}
              </ul>
            ) : null}
            {claims.length > 0 ? (
              <ul className="evidence__list" aria-label={t('evidence.claimsTitle')}>
                {claims.map((c) => (
                  <li key={c.id} data-testid="credit-claim" data-sync-state={c.syncState ?? 'none'}>
                    {t('evidence.claim', { claimedAt: formatDateTime(c.claimedAt, locale, timeZone), agent: c.recordedBy, ref: c.interactionRef })}{' '}
                    {c.syncState === 'refused'
                      ? t('evidence.sync.refusedClaim')
                      : c.creditId
                        ? t('evidence.claimCredited')
                        : t('evidence.claimWaiting')}{' '}
                    <EvidenceSyncNote syncState={c.syncState} syncRefusal={c.syncRefusal} locale={locale} />
                  </li>
                ))}
              </ul>
            ) : null}
            {notice && notice.outageId === outage.id ? <NoticeText notice={notice} locale={locale} currency={outage.entries[0]?.decision?.currency ?? 'USD'} /> : null}
            {canRecord
              ? claimable.map((entry) => (
                  <ClaimButton key={entry.policy!.code} accountNumber={data.accountNumber} entry={entry} callId={callId} locale={locale} onChanged={onChanged} />
                ))
              : null}
            {canRecord && formOutageId === outage.id ? (
              <FaultReportForm
                accountNumber={data.accountNumber}
                outageId={outage.id}
                outageTitle={outage.title}
                lines={data.lines}
                locale={locale}
                timeZone={timeZone}
                callId={callId}
                onRecorded={onChanged}
                onCancel={closeForm}
              />
            ) : null}
            {canRecord && formOutageId !== outage.id ? <Button onClick={() => openForm(outage.id)}>{t('evidence.recordReport')}</Button> : null}
          </div>
        );
      })}
    </section>
  );
}

function NoticeText({ notice, locale, currency }: { notice: EvidenceNotice; locale: string; currency: string }) {
  if (notice.kind === 'claim') {
    return (
      <p className="evidence__notice" role="status">
        {t('evidence.claimRegistered')} {notice.result.creditIds.length > 0 ? t('evidence.creditsFollowed') : t('evidence.claimWaiting')}
      </p>
    );
  }
  const { creditRequest, requestNotFiled, creditIds } = notice.result;
  return (
    <p className="evidence__notice" role="status" data-testid="fault-report-notice">
      {t('evidence.recorded')}{' '}
      {creditRequest ? t('evidence.requestFiled', { amount: formatMoney(creditRequest.amountMinor, creditRequest.currency, locale) }) : null}
      {requestNotFiled
        ? t('evidence.requestNotFiled', { reason: overrideRefusalText({ code: 'CONFLICT', details: { reason: requestNotFiled } }, currency, locale) })
        : null}
      {creditIds.length > 0 ? t('evidence.creditsFollowed') : null}
    </p>
  );
}

function ClaimButton({
  accountNumber,
  entry,
  callId,
  locale,
  onChanged,
}: {
  accountNumber: string;
  entry: OutageDecision;
  callId: string | null;
  locale: string;
  onChanged: () => void;
}) {
  const claim = useEvidenceStore((s) => s.claim);
  const [interactionRef, setInteractionRef] = useState(callId ?? '');
  const [busy, setBusy] = useState(false);
  const [banner, setBanner] = useState<string | null>(null);
  const policyName = entry.policy!.name;

  async function register() {
    if (busy) return;
    if (!/^[A-Za-z0-9][A-Za-z0-9._:/-]{2,63}$/.test(interactionRef.trim())) {
      setBanner(t('evidence.error.interactionRef'));
      return;
    }
    setBusy(true);
    setBanner(null);
    const result = await claim({ accountNumber, outageId: entry.outage.id, policyCode: entry.policy!.code, interactionRef: interactionRef.trim() });
    setBusy(false);
    if (result.ok) onChanged();
    else setBanner(evidenceRefusalText(result.error, locale));
  }

  return (
    <div className="evidence__claim">
      {banner ? <ErrorBanner>{banner}</ErrorBanner> : null}
      <TextField label={t('evidence.claimInteractionRef')} value={interactionRef} onChange={(e) => setInteractionRef(e.target.value)} name="claimInteractionRef" />
      <Button variant="primary" disabled={busy} onClick={() => void register()}>
        {busy ? t('evidence.registering') : t('evidence.registerClaim', { policy: policyName })}
      </Button>
    </div>
  );
}
