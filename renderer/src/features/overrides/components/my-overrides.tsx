import { useEffect, useState } from 'react';
import type { OverrideRequestView } from '@shared/domain/override';
import { AsyncTable } from '../../../components/async-table';
import { Badge, type BadgeTone } from '../../../components/badge';
import { Button } from '../../../components/button';
import { ErrorBanner } from '../../../components/error-banner';
import { StatusMessage } from '../../../components/status-message';
import { errorMessage, t } from '../../../i18n/translate';
import { formatCalendarDate, formatDateTime, formatMoney } from '../../../lib/format';
import { overrideRefusalText } from '../../../lib/override-refusal-text';
import { useDisplayLocale, useDisplayTimeZone } from '../../../stores/session-store';
import { useMyOverridesStore } from '../stores/my-overrides-store';
import './overrides.css';
import { PageTitle } from '../../../components/page-title';

const tones: Record<OverrideRequestView['status'], BadgeTone> = {
  pending: 'info',
  approved: 'success',
  rejected: 'danger',
  withdrawn: 'neutral',
  expired: 'warning',
};

export function OverrideStatusBadge({ status }: { status: OverrideRequestView['status'] }) {
  return (
    <Badge tone={tones[status]} srPrefix={t('override.col.status')}>
      {t(`override.status.${status}`)}
    </Badge>
  );
}

/** On a desktop that syncs with a hub: whether the hub has the request yet, or why it refused it. */
export function SyncNote({ request, locale }: { request: OverrideRequestView; locale: string }) {
  if (request.syncState === 'pending_sync') return <div className="overrides__meta" data-testid="sync-note">{t('override.sync.pending')}</div>;
  if (request.syncState !== 'refused') return null;
  const reason = request.syncRefusal ?? '';
  const text = ['over_request_cap', 'over_daily_total'].includes(reason)
    ? t('override.sync.overLimit')
    : overrideRefusalText({ code: 'CONFLICT', details: { reason } }, request.currency, locale);
  return <div className="overrides__meta" data-testid="sync-note">{t('override.sync.refused', { reason: text })}</div>;
}


export function creditText(request: OverrideRequestView, locale: string): string {
  if (!request.creditStatus) return '';
  if (request.creditStatus === 'scheduled' && request.billDate) {
    return t('override.creditScheduled', { date: formatCalendarDate(request.billDate, locale) });
  }
  return t('override.creditOther', { status: request.creditStatus });
}

/** The agent's own requests, newest first, with withdraw while pending. */
export function MyOverrides() {
  const locale = useDisplayLocale();
  const timeZone = useDisplayTimeZone();
  const { status, requests, error, busyId, load } = useMyOverridesStore();
  const [refusal, setRefusal] = useState<string | null>(null);
  const [notice, setNotice] = useState('');

  useEffect(() => {
    void load();
    return () => useMyOverridesStore.getState().reset();
  }, [load]);

  async function withdraw(request: OverrideRequestView) {
    setRefusal(null);
    const result = await useMyOverridesStore.getState().withdraw(request);
    if (result.ok) setNotice(t('myOverrides.withdrawn'));
    else setRefusal(overrideRefusalText(result.error, request.currency, locale));
  }

  return (
    <section className="override-page" aria-labelledby="my-overrides-title">
      <PageTitle id="my-overrides-title">{t('myOverrides.title')}</PageTitle>
      <StatusMessage>{notice}</StatusMessage>
      {refusal ? <ErrorBanner>{refusal}</ErrorBanner> : null}
      <div>
        <Button onClick={() => void load()}>{t('myOverrides.refresh')}</Button>
      </div>
      <AsyncTable
        label={t('myOverrides.title')}
        className="override-table"
        status={status}
        rows={requests}
        loadingText={t('myOverrides.loading')}
        emptyText={t('myOverrides.empty')}
        error={error ? errorMessage(error.code) : null}
        onRetry={() => void load()}
        head={
          <>
            <th scope="col">{t('override.col.filed')}</th>
            <th scope="col">{t('override.col.account')}</th>
            <th scope="col">{t('override.col.outage')}</th>
            <th scope="col">{t('override.col.kind')}</th>
            <th scope="col">{t('override.col.amount')}</th>
            <th scope="col">{t('override.col.status')}</th>
            <th scope="col">{t('override.col.credit')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('myOverrides.withdraw')}</span>
            </th>
          </>
        }
        renderRow={(request) => (
          <tr key={request.id} data-request-id={request.id}>
            <td>{formatDateTime(request.createdAt, locale, timeZone)}</td>
            <td>
              {request.holderName} ({request.accountNumber})
            </td>
            <td>{request.outageTitle}</td>
            <td>{t(`override.kind.${request.kind}`)}</td>
            <td>{formatMoney(request.amountMinor, request.currency, locale)}</td>
            <td>
              <OverrideStatusBadge status={request.status} />
              <SyncNote request={request} locale={locale} />
              {request.decidedBy && request.decisionNote ? (
                <div className="overrides__meta">{t('override.decidedBy', { name: request.decidedBy, note: request.decisionNote })}</div>
              ) : null}
            </td>
            <td data-testid="credit-cell">{creditText(request, locale)}</td>
            <td>
              {request.status === 'pending' ? (
                <Button disabled={busyId === request.id} onClick={() => void withdraw(request)}>
                  {t('myOverrides.withdraw')}
                </Button>
              ) : null}
            </td>
          </tr>
        )}
      />
    </section>
  );
}
