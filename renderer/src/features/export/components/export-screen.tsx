import { useEffect } from 'react';
import { AsyncTable } from '../../../components/async-table';
import { Button } from '../../../components/button';
import { ErrorBanner } from '../../../components/error-banner';
import { formatDateTime, formatMoney, formatNumber } from '../../../lib/format';
import { errorMessage, t } from '../../../i18n/translate';
import { useDisplayLocale, useDisplayTimeZone } from '../../../stores/session-store';
import { useExportStore, type ExportNotice } from '../stores/export-store';
import './export-screen.css';
import { PageTitle } from '../../../components/page-title';

function noticeText(notice: ExportNotice): string {
  if (notice.kind === 'nothing') return t('export.nothing');
  if (notice.kind === 'changed') return t('export.changed', { number: notice.batchNumber });
  return t(notice.kind === 'created' ? 'export.created' : 'export.rewritten', { number: notice.batchNumber, path: notice.path });
}

/** The admin's billing export: make a batch of the scheduled credits, list batches, write one again. */
export function ExportScreen() {
  const locale = useDisplayLocale();
  const timeZone = useDisplayTimeZone();
  const { status, batches, readyToExport, loadError, busy, notice, error, load, createBatch, rewrite } = useExportStore();
  useEffect(() => {
    void load();
    return () => useExportStore.getState().reset();
  }, [load]);
  // Until the count is known, and when it is zero, there is nothing to put in a batch.
  const nothingReady = status !== 'loaded' || readyToExport === 0;

  return (
    <section className="export-screen" aria-labelledby="export-title">
      <PageTitle id="export-title">{t('export.title')}</PageTitle>
      <p>{t('export.intro')}</p>
      <p id="export-ready">
        {status === 'loaded' && readyToExport === 0 ? t('export.readyNone') : t('export.ready', { count: formatNumber(readyToExport, locale) })}
      </p>
      <div>
        <Button variant="primary" disabled={busy || nothingReady} aria-describedby="export-ready" onClick={() => void createBatch()}>
          {busy ? t('export.creating') : t('export.create')}
        </Button>
      </div>
      {error ? <ErrorBanner>{errorMessage(error.code)}</ErrorBanner> : null}
      {notice ? (
        notice.kind === 'changed' ? (
          <ErrorBanner tone="warning">{noticeText(notice)}</ErrorBanner>
        ) : (
          <p role="status" className="export-screen__notice">{noticeText(notice)}</p>
        )
      ) : null}
      <h2>{t('export.batchesTitle')}</h2>
      <AsyncTable
        label={t('export.batchesTitle')}
        className="export-table"
        status={status}
        rows={batches}
        loadingText={t('export.loading')}
        emptyText={t('export.none')}
        error={loadError ? errorMessage(loadError.code) : null}
        head={
          <>
            <th scope="col">{t('export.col.batch')}</th>
            <th scope="col">{t('export.col.created')}</th>
            <th scope="col" className="num">{t('export.col.credits')}</th>
            <th scope="col" className="num">{t('export.col.totals')}</th>
            <th scope="col">{t('export.col.file')}</th>
            <th scope="col"><span className="visually-hidden">{t('export.reexport')}</span></th>
          </>
        }
        renderRow={(batch) => (
          <tr key={batch.batchNumber}>
            <th scope="row">{batch.batchNumber}</th>
            <td>{formatDateTime(batch.createdAt, locale, timeZone)}</td>
            <td className="num">{formatNumber(batch.creditCount, locale)}</td>
            <td className="num">
              {/* One amount per currency, each on its line: dollars and euros are never one figure. */}
              <ul className="export-totals">
                {batch.totals.map((total) => (
                  <li key={total.currency}>{formatMoney(total.amountMinor, total.currency, locale)}</li>
                ))}
              </ul>
            </td>
            <td>{batch.fileName}</td>
            <td>
              <Button disabled={busy} onClick={() => void rewrite(batch.batchNumber)} aria-label={t('export.reexportBatch', { number: batch.batchNumber })}>
                {t('export.reexport')}
              </Button>
            </td>
          </tr>
        )}
      />
    </section>
  );
}
