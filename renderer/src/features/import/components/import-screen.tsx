import { useEffect } from 'react';
import { Button } from '../../../components/button';
import { ErrorBanner } from '../../../components/error-banner';
import { StatusMessage } from '../../../components/status-message';
import { formatNumber } from '../../../lib/format';
import { errorMessage, t } from '../../../i18n/translate';
import { useDisplayLocale } from '../../../stores/session-store';
import { useImportStore } from '../stores/import-store';
import { FoundFilesTable } from './found-files-table';
import { ImportProgress } from './import-progress';
import { ImportResult } from './import-result';
import './import-screen.css';
import { PageTitle } from '../../../components/page-title';

/** The admin's feed import: choose, see what was found, import with progress, read the result. */
export function ImportScreen() {
  const locale = useDisplayLocale();
  const { phase, scan, status, error, cancelling, reportError, reportSaved, choose, start, cancel, openReport, saveReport, reset } = useImportStore();
  useEffect(() => () => useImportStore.getState().reset(), []);
  const busy = phase === 'choosing' || phase === 'running';
  const blocked = scan?.files.some((f) => f.problem !== null) ?? false;
  const rows = scan?.files.reduce((sum, f) => sum + f.rows, 0) ?? 0;

  return (
    <section className="import-screen" aria-labelledby="import-title">
      <PageTitle id="import-title">{t('import.title')}</PageTitle>
      <p>{t('import.intro')}</p>
      <div className="import-screen__choose">
        <Button variant={phase === 'idle' ? 'primary' : 'secondary'} disabled={busy} onClick={() => void choose('files')}>
          {t('import.chooseFiles')}
        </Button>
        <Button disabled={busy} onClick={() => void choose('folder')}>
          {t('import.chooseFolder')}
        </Button>
      </div>
      {error ? <ErrorBanner>{errorMessage(error.code)}</ErrorBanner> : null}
      {phase === 'choosing' ? <StatusMessage>{t('import.choosing')}</StatusMessage> : null}
      {scan && phase !== 'choosing' ? (
        <>
          <h2>{t('import.foundTitle')}</h2>
          <FoundFilesTable files={scan.files} />
          {blocked ? <ErrorBanner tone="warning">{t('import.blocked')}</ErrorBanner> : null}
        </>
      ) : null}
      {phase === 'chosen' ? (
        <div>
          <Button variant="primary" disabled={blocked || scan?.files.length === 0} onClick={() => void start()}>
            {t('import.start', { rows: formatNumber(rows, locale) })}
          </Button>
        </div>
      ) : null}
      {phase === 'running' ? <ImportProgress status={status} cancelling={cancelling} onCancel={() => void cancel()} /> : null}
      {phase === 'finished' && status ? (
        <>
          <ImportResult
            status={status}
            reportFailed={reportError !== null}
            onOpenReport={() => void openReport()}
            onSaveReport={() => void saveReport()}
            reportSaved={reportSaved}
          />
          <div>
            <Button onClick={reset}>{t('import.again')}</Button>
          </div>
        </>
      ) : null}
    </section>
  );
}
