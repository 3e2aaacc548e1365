import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { PatternFlag } from '@shared/domain/override-patterns';
import type { OverrideQueueItem } from '@shared/ipc/override-channels';
import { Button } from '../../../components/button';
import { ErrorBanner } from '../../../components/error-banner';
import { t } from '../../../i18n/translate';
import { formatCalendarDate, formatDate, formatDateTime, formatMoney } from '../../../lib/format';
import { overrideRefusalText } from '../../../lib/override-refusal-text';
import { catalogTextOr } from '../lib/catalog-text';
import { useApprovalQueueStore } from '../stores/approval-queue-store';

export type Decision = 'approve' | 'reject';

/** A pattern flag's reason, as a sentence with its figures. */
function flagText(flag: PatternFlag, agent: string, locale: string, currency: OverrideQueueItem['request']['currency']): string {
  const n = (value: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
  switch (flag.rule) {
    case 'agent_rate':
      return t('approvals.flag.agent_rate', { agent, recent: n(flag.recent), hours: n(flag.hours), usual: n(flag.usual) });
    case 'repeat_account':
      return t('approvals.flag.repeat_account', { count: n(flag.count), days: n(flag.days) });
    case 'repeat_customer':
      return t('approvals.flag.repeat_customer', { accounts: n(flag.accounts), days: n(flag.days) });
    case 'near_cap':
      return t('approvals.flag.near_cap', { agent, count: n(flag.count), cap: formatMoney(flag.capMinor, currency, locale), days: n(flag.days) });
  }
}

export interface ApprovalItemProps {
  item: OverrideQueueItem;
  locale: string;
  timeZone: string;
  onDecided: (message: string) => void;
  /** The queue's keyboard selection is on this request. */
  selected?: boolean;
  /** A or R was pressed on it: the note takes focus and Enter sends this decision. */
  armed?: Decision | null;
  onDisarm?: () => void;
  onSelect?: () => void;
  onOpenAccount?: (accountNumber: string) => void;
}

/** One request with its decision context inline, and approve or reject with a note. */
export function ApprovalItem({ item, locale, timeZone, onDecided, selected = false, armed = null, onDisarm, onSelect, onOpenAccount }: ApprovalItemProps) {
  const { request, decision, agentHistory } = item;
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const [banner, setBanner] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const sendDecision = useApprovalQueueStore((s) => s.decide);
  const money = (minor: number) => formatMoney(minor, request.currency, locale);
  const titleId = `approval-${request.id}`;
  const articleRef = useRef<HTMLElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (!selected) return;
    articleRef.current?.scrollIntoView?.({ block: 'nearest' });
    if (armed) noteRef.current?.focus();
    else if (!articleRef.current?.contains(document.activeElement)) articleRef.current?.focus();
  }, [selected, armed]);

  function onNoteKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (!armed) return;
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      void decide(armed);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onDisarm?.();
      articleRef.current?.focus();
    }
  }

  async function decide(choice: 'approve' | 'reject') {
    if (!note.trim()) {
      setNoteError(t('approvals.noteRequired'));
      return;
    }
    setNoteError(null);
    setBanner(null);
    setBusy(true);
    const result = await sendDecision({ requestId: request.id, version: request.version, decision: choice, note: note.trim() });
    setBusy(false);
    if (!result.ok) {
      setBanner(overrideRefusalText(result.error, request.currency, locale));
      return;
    }
    const billDate = result.value.billDate ? formatCalendarDate(result.value.billDate, locale) : '';
    onDecided(choice === 'approve' ? t('approvals.approved', { date: billDate }) : t('approvals.rejected'));
  }

  return (
    <article
      ref={articleRef}
      className={selected ? 'approval approval--selected' : 'approval'}
      aria-labelledby={titleId}
      aria-current={selected ? 'true' : undefined}
      data-request-id={request.id}
      tabIndex={-1}
      onFocus={onSelect}
    >
      <h2 id={titleId} className="approval__title">
        {t('approvals.requestTitle', { holder: request.holderName, accountNumber: request.accountNumber })}{' '}
        <span className="approval__status">{t(`override.status.${request.status}`)}</span>
      </h2>
      <p>
        {t('approvals.requestMeta', {
          kind: t(`override.kind.${request.kind}`),
          amount: money(request.amountMinor),
          outage: request.outageTitle,
          agent: request.requestedBy,
          date: formatDateTime(request.createdAt, locale, timeZone),
          expires: formatDateTime(request.expiresAt, locale, timeZone),
        })}
      </p>
      <p>{t('approvals.reason', { reason: t(`override.reason.${request.reasonCode}`), ref: request.interactionRef })}</p>
      {onOpenAccount ? (
        <p>
          <Button variant="ghost" onClick={() => onOpenAccount(request.accountNumber)}>
            {t('approvals.openAccount', { accountNumber: request.accountNumber })}
          </Button>
        </p>
      ) : null}
      <blockquote className="approval__justification">{request.justification}</blockquote>
      {request.inKind ? (
        <p className="approval__in-kind" data-testid="approval-in-kind">
          {t('approvals.inKind', {
            description: request.inKind.description,
            amount: money(request.amountMinor),
            method: t(`override.consent.${request.inKind.consentMethod}`),
            at: formatDateTime(request.inKind.consentAt, locale, timeZone),
            agent: request.inKind.recordedBy,
          })}
        </p>
      ) : null}
      {request.faultReport ? (
        <div className="approval__fault-report" data-testid="approval-fault-report">
          <p>
            {t('approvals.faultReport', {
              scope: request.faultReport.lineId === null ? t('evidence.scopeAccount') : t('evidence.scopeLine', { line: request.faultReport.lineId }),
              failed: request.faultReport.failed.map((f) => catalogTextOr(`evidence.failed.${f}`, f)).join(', '),
              from: formatDateTime(request.faultReport.fromAt, locale, timeZone),
              to: request.faultReport.toAt
                ? t('evidence.reportUntil', { to: formatDateTime(request.faultReport.toAt, locale, timeZone) })
                : t('evidence.reportOngoing'),
              reportedAt: formatDateTime(request.faultReport.reportedAt, locale, timeZone),
            })}
          </p>
          <p>{t('approvals.faultReportPolicy', { policy: catalogTextOr(`policyName.${request.faultReport.policyCode}`, request.faultReport.policyCode) })}</p>
        </div>
      ) : null}
      {item.flags.length > 0 ? (
        <section className="approval__flags" aria-label={t('approvals.flags.title')} data-testid="approval-flags">
          <p className="approval__flags-title">{t('approvals.flags.title')}</p>
          <ul>
            {item.flags.map((flag) => (
              <li key={flag.rule}>{flagText(flag, request.requestedBy, locale, request.currency)}</li>
            ))}
          </ul>
          <p className="approval__flags-note">{t('approvals.flags.note')}</p>
        </section>
      ) : null}
      <div className="approval__context">
        <p>
          {decision.status && decision.policyCode
            ? t('approvals.decision', {
                policy: catalogTextOr(`policyName.${decision.policyCode}`, decision.policyCode),
                status: catalogTextOr(`decision.status.${decision.status}`, decision.status),
                amount: money(decision.amountMinor),
              })
            : t('approvals.decisionNone')}
        </p>
        {decision.failedRules.length > 0 ? <p>{t('approvals.failedRules', { rules: decision.failedRules.map((code) => catalogTextOr(`ruleName.${code}`, code)).join(', ') })}</p> : null}
        <p>{t('approvals.liveCredit', { amount: money(decision.liveCreditMinor) })}</p>
        <p className="approval__daily-limit">
          {t(item.agentDailyLimit.own ? 'approvals.dailyLimitOwn' : 'approvals.dailyLimitSite', {
            agent: request.requestedBy,
            today: money(item.agentApprovedTodayMinor),
            limit: money(item.agentDailyLimit.amountMinor),
          })}
        </p>
        <p className="approval__history-title">
          {agentHistory.length > 0
            ? t('approvals.history', { agent: request.requestedBy, today: money(item.agentApprovedTodayMinor) })
            : t('approvals.historyEmpty', { agent: request.requestedBy })}
        </p>
        {agentHistory.length > 0 ? (
          <ul className="approval__history">
            {agentHistory.map((h) => (
              <li key={h.id}>
                {t('approvals.historyItem', {
                  date: formatDate(h.createdAt, locale, timeZone),
                  amount: formatMoney(h.amountMinor, h.currency, locale),
                  status: t(`override.status.${h.status}`),
                })}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {request.status === 'pending' ? (
        <div className="approval__decide">
          {banner ? <ErrorBanner>{banner}</ErrorBanner> : null}
          {armed ? (
            <p className="approval__confirm" role="status">
              {t(armed === 'approve' ? 'approvals.confirmApprove' : 'approvals.confirmReject', { amount: money(request.amountMinor), holder: request.holderName })}
            </p>
          ) : null}
          <div className="field">
            <label className="field__label" htmlFor={`${titleId}-note`}>
              {t('approvals.note')}
            </label>
            <textarea
              ref={noteRef}
              id={`${titleId}-note`}
              onKeyDown={onNoteKeyDown}
              className="field__input override-form__textarea"
              rows={2}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              aria-invalid={noteError ? true : undefined}
            />
            {noteError ? <p className="field__error">{noteError}</p> : null}
          </div>
          <div className="override-form__actions">
            <Button variant="primary" disabled={busy} onClick={() => void decide('approve')}>
              {t('approvals.approve')}
            </Button>
            <Button disabled={busy} onClick={() => void decide('reject')}>
              {t('approvals.reject')}
            </Button>
          </div>
        </div>
      ) : null}
    </article>
  );
}
