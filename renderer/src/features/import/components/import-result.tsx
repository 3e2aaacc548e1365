import type { ImportStatus } from '@shared/ipc/feed-channels';
import { Button } from '../../../components/button';
import { ErrorBanner } from '../../../components/error-banner';
import { formatNumber } from '../../../lib/format';
import { t } from '../../../i18n/translate';
import { useDisplayLocale } from '../../../stores/session-store';
import { feedLabel, fileProblemText } from './feed-label';

export interface ImportResultProps {
  status: ImportStatus;
  /** Asks main to open the report it wrote; the screen never shows or sends its path. */
  onOpenReport: () => void;
  reportFailed: boolean;
  /** Asks main to save a hub run's report where the admin chooses. */
  onSaveReport: () => void;
  /** Rows saved to the file, once saved. */
  reportSaved: number | null;
}

/** How the run ended: counts per file, the first rejected rows, and a button to open the full report. */
export function ImportResult({ status, onOpenReport, reportFailed, onSaveReport, reportSaved }: ImportResultProps) {
  const locale = useDisplayLocale();
  const n = (value: number) => formatNumber(value, locale);
  return (
    <section className="import-result">
      <p role="status" className={`import-result__state import-result__state--${status.state}`}>
        {t(`import.state.${status.state === 'checking' || status.state === 'importing' ? 'interrupted' : status.state}`)}
      </p>
      <h2>{t('import.resultTitle')}</h2>
      <table className="import-table" aria-label={t('import.resultTitle')}>
        <thead>
          <tr>
            <th scope="col">{t('import.col.file')}</th>
            <th scope="col">{t('import.col.feed')}</th>
            <th scope="col" className="num">{t('import.col.inserted')}</th>
            <th scope="col" className="num">{t('import.col.updated')}</th>
            <th scope="col" className="num">{t('import.col.unchanged')}</th>
            <th scope="col" className="num">{t('import.col.rejected')}</th>
          </tr>
        </thead>
        <tbody>
          {status.files.map((file) => (
            <tr key={file.fileName}>
              <th scope="row">{file.fileName}</th>
              <td>{file.problem ? fileProblemText(file.problem) : feedLabel(file.entity)}</td>
              <td className="num">{n(file.inserted)}</td>
              <td className="num">{n(file.updated)}</td>
              <td className="num">{n(file.unchanged)}</td>
              <td className="num">{n(file.rejected)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {status.rejectedTotal > 0 ? (
        <>
          <h2>{t('import.rejectionsTitle')}</h2>
          {status.rejections.length < status.rejectedTotal ? (
            <p>{t('import.rejectionsShown', { shown: n(status.rejections.length), total: n(status.rejectedTotal) })}</p>
          ) : null}
          <table className="import-table" aria-label={t('import.rejectionsTitle')}>
            <thead>
              <tr>
                <th scope="col">{t('import.col.file')}</th>
                <th scope="col" className="num">{t('import.col.line')}</th>
                <th scope="col">{t('import.col.field')}</th>
                <th scope="col">{t('import.col.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {status.rejections.map((r) => (
                <tr key={`${r.fileName}:${r.line}`}>
                  <td>{r.fileName}</td>
                  <td className="num">{r.line}</td>
                  <td>{r.field ? <code>{r.field}</code> : '—'}</td>
                  <td>{t(`rowReason.${r.reason}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {status.reportPath ? (
        <div className="import-result__report">
          <p id="import-report-hint">{t('import.reportReady', { total: n(status.rejectedTotal) })}</p>
          <Button aria-describedby="import-report-hint" onClick={onOpenReport}>
            {t('import.openReport')}
          </Button>
          {reportFailed ? <ErrorBanner>{t('import.reportOpenFailed')}</ErrorBanner> : null}
        </div>
      ) : null}
      {status.reportAtHub ? (
        <div className="import-result__report">
          <p id="import-report-hint">{t('import.reportAtHub', { total: n(status.rejectedTotal) })}</p>
          <Button aria-describedby="import-report-hint" onClick={onSaveReport}>
            {t('import.saveReport')}
          </Button>
          {reportSaved !== null ? <p role="status">{t('import.reportSaved', { rows: n(reportSaved) })}</p> : null}
          {reportFailed ? <ErrorBanner>{t('import.reportSaveFailed')}</ErrorBanner> : null}
        </div>
      ) : null}
    </section>
  );
}
