import { Button } from '../../../components/button';
import { ErrorBanner } from '../../../components/error-banner';
import { StatusMessage } from '../../../components/status-message';
import { errorMessage, t } from '../../../i18n/translate';
import { deviceLocale, deviceTimeZone, formatDateTime } from '../../../lib/format';
import { useRecoveryStore } from '../stores/recovery-store';
import './recovery-screen.css';

// Nobody is signed in here, so times are shown in this computer's own locale and time zone.
function when(isoUtc: string): string {
  return formatDateTime(isoUtc, deviceLocale(), deviceTimeZone());
}

/**
 * Shown instead of everything else when main started in recovery mode: says what happened in
 * plain words and offers the one safe action, restoring the newest verified backup.
 */
export function RecoveryScreen() {
  const status = useRecoveryStore((s) => s.status);
  const restore = useRecoveryStore((s) => s.restore);
  const restoreLatest = useRecoveryStore((s) => s.restoreLatest);
  const latest = status?.latestBackupAt ?? null;

  return (
    <main id="main" className="recovery">
      <section className="recovery__card" aria-labelledby="recovery-title">
        <h1 id="recovery-title" className="recovery__title">
          {t('recovery.title')}
        </h1>
        <p className="recovery__text">{t('recovery.explanation')}</p>
        {latest ? (
          <>
            <p className="recovery__text">{t('recovery.noLoss')}</p>
            <p className="recovery__text">
              <strong>{t('recovery.latestBackup', { takenAt: when(latest) })}</strong>
            </p>
          </>
        ) : (
          <ErrorBanner tone="warning">{t('recovery.noBackup')}</ErrorBanner>
        )}
        {restore.state === 'failed' ? <ErrorBanner>{errorMessage(restore.code)}</ErrorBanner> : null}
        {restore.state === 'restored' ? (
          <StatusMessage>{t('recovery.restored', { takenAt: when(restore.takenAt) })}</StatusMessage>
        ) : latest ? (
          <div>
            <Button variant="primary" disabled={restore.state === 'restoring'} onClick={() => void restoreLatest()}>
              {restore.state === 'restoring' ? t('recovery.restoring') : t('recovery.restore')}
            </Button>
          </div>
        ) : null}
        {status && status.problems.length > 0 ? (
          <details className="recovery__details">
            <summary>{t('recovery.details')}</summary>
            <pre>{status.problems.join('\n')}</pre>
          </details>
        ) : null}
      </section>
    </main>
  );
}
