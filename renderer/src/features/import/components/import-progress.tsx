import type { ImportStatus } from '@shared/ipc/feed-channels';
import { Button } from '../../../components/button';
import { formatNumber } from '../../../lib/format';
import { t } from '../../../i18n/translate';
import { useDisplayLocale } from '../../../stores/session-store';
import { durationText } from './feed-label';

export interface ImportProgressProps {
  status: ImportStatus | null;
  cancelling: boolean;
  onCancel: () => void;
}

/** The running import: a progress bar, rows done, rows per second, time left, and cancel. */
export function ImportProgress({ status, cancelling, onCancel }: ImportProgressProps) {
  const locale = useDisplayLocale();
  const checking = !status || status.state === 'checking';
  return (
    <section className="import-progress" aria-live="polite">
      <progress
        aria-label={t('import.progressLabel')}
        max={status?.rowsTotal || 1}
        value={checking ? undefined : status.rowsDone}
      />
      {checking ? (
        <p>{t('import.checking')}</p>
      ) : (
        <p className="import-progress__facts">
          <span>{t('import.rowsDone', { done: formatNumber(status.rowsDone, locale), total: formatNumber(status.rowsTotal, locale) })}</span>
          {status.rowsPerSecond !== null ? <span>{t('import.rate', { rate: formatNumber(status.rowsPerSecond, locale) })}</span> : null}
          {status.secondsLeft !== null ? <span>{t('import.timeLeft', { time: durationText(status.secondsLeft) })}</span> : null}
        </p>
      )}
      <Button onClick={onCancel} disabled={cancelling || !status}>
        {cancelling ? t('import.cancelling') : t('import.cancel')}
      </Button>
    </section>
  );
}
