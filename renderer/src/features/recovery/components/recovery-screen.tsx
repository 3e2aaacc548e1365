import type { RecoveryStatus } from '@shared/ipc/recovery-channels';
import { Button } from '../../../components/button';
import { ErrorBanner } from '../../../components/error-banner';
import { StatusMessage } from '../../../components/status-message';
import { errorMessage, t } from '../../../i18n/translate';
import { deviceLocale, deviceTimeZone, formatDateTime } from '../../../lib/format';
import { useRecoveryStore } from '../stores/recovery-store';
import '../../../components/page-title.css';
import './recovery-screen.css';

// Nobody is signed in here, so times are shown in this computer's own locale and time zone.
function when(isoUtc: string): string {
  return formatDateTime(isoUtc, deviceLocale(), deviceTimeZone());
}

function Details({ status }: { status: RecoveryStatus | null }) {
  if (!status || status.problems.length === 0) return null;
  return (
    <details className="recovery__details">
      <summary>{t('recovery.details')}</summary>
      <pre>{status.problems.join('\n')}</pre>
    </details>
  );
}

/** The database's folder or file refuses writes: nothing to restore, only permissions to fix. */
function ReadOnlyCard({ status }: { status: RecoveryStatus }) {
  return (
    <section className="recovery__card" aria-labelledby="recovery-title">
      <h1 id="recovery-title" className="page-title recovery__title">
        {t('recovery.readOnly.title')}
      </h1>
      <p className="recovery__text">
        {t(status.cause === 'DATABASE_FILE_READ_ONLY' ? 'recovery.readOnly.file' : 'recovery.readOnly.folder')}
      </p>
      {status.blockedPath ? (
        <p className="recovery__text">
          <strong>{t('recovery.readOnly.where', { path: status.blockedPath })}</strong>
        </p>
      ) : null}
      <ErrorBanner tone="warning">{t('recovery.readOnly.whatToDo')}</ErrorBanner>
      <p className="recovery__text">{t('recovery.code', { code: status.cause ?? '' })}</p>
      <Details status={status} />
    </section>
  );
}

/**
 * Shown instead of everything else when main started in recovery mode: says what happened in
 * plain words and offers the one safe action, restoring the newest verified backup (or, when
 * the database is only read-only, what to ask IT for).
 */
export function RecoveryScreen() {
  const status = useRecoveryStore((s) => s.status);
  const restore = useRecoveryStore((s) => s.restore);
  const restoreLatest = useRecoveryStore((s) => s.restoreLatest);
  const latest = status?.latestBackupAt ?? null;

  if (status && status.cause !== null && status.cause !== 'DATABASE_DAMAGED') {
    return (
      <main id="main" className="recovery">
        <ReadOnlyCard status={status} />
      </main>
    );
  }

  return (
    <main id="main" className="recovery">
      <section className="recovery__card" aria-labelledby="recovery-title">
        <h1 id="recovery-title" className="page-title recovery__title">
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
        <Details status={status} />
      </section>
    </main>
  );
}
