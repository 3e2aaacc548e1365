import { useState, type FormEvent } from 'react';
import type { IntegrityAlarmView } from '@shared/ipc/audit-channels';
import { Button } from '../../../components/button';
import { ErrorBanner } from '../../../components/error-banner';
import { TextField } from '../../../components/text-field';
import { errorMessage, t } from '../../../i18n/translate';
import { formatDateTime } from '../../../lib/format';
import { useDisplayLocale, useDisplayTimeZone } from '../../../stores/session-store';
import { useIntegrityStore } from '../stores/integrity-store';
import './integrity-banner.css';

function reasonText(alarm: IntegrityAlarmView): string {
  return t(`integrity.reason.${alarm.reason}`, {
    eventCount: alarm.eventCount,
    anchoredCount: alarm.anchoredCount ?? '?',
    seq: alarm.brokenAtSeq ?? '?',
  });
}

/**
 * Shown on every screen while main is in its integrity-alarm state. An admin acknowledges it
 * here with a note (recorded in the audit log); everyone else is told to call one.
 */
export function IntegrityBanner({ canAcknowledge }: { canAcknowledge: boolean }) {
  const { status, failure, acknowledging, acknowledge } = useIntegrityStore();
  const locale = useDisplayLocale();
  const timeZone = useDisplayTimeZone();
  const [note, setNote] = useState('');
  const alarm = status?.alarm ?? null;
  if (!alarm) return null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (acknowledging || !note.trim()) return;
    if (await acknowledge(note.trim())) setNote('');
  }

  return (
    <div className="integrity-banner" data-testid="integrity-banner">
      <ErrorBanner>
        <strong>{t('integrity.bannerTitle')}. </strong>
        {t('integrity.banner', { reason: reasonText(alarm) })} {t('integrity.detectedAt', { at: formatDateTime(alarm.detectedAt, locale, timeZone) })}
        {canAcknowledge ? null : ` ${t('integrity.askAdmin')}`}
      </ErrorBanner>
      {canAcknowledge ? (
        <form className="integrity-banner__form" onSubmit={(event) => void submit(event)} noValidate>
          <TextField
            label={t('integrity.note')}
            hint={t('integrity.noteHint')}
            value={note}
            maxLength={500}
            onChange={(event) => setNote(event.target.value)}
            error={failure ? errorMessage(failure.code) : null}
          />
          <Button type="submit" variant="primary" disabled={acknowledging || !note.trim()}>
            {acknowledging ? t('integrity.acknowledging') : t('integrity.acknowledge')}
          </Button>
        </form>
      ) : null}
    </div>
  );
}

/** For the audit screen: how strong this desktop's anchor is. */
export function AnchorStrength() {
  const status = useIntegrityStore((s) => s.status);
  if (!status) return null;
  return (
    <div className="integrity-anchor" data-testid="audit-anchor">
      <p className={status.anchor === 'weak' ? 'integrity-anchor__weak' : undefined}>
        {status.anchor === 'weak' ? t('integrity.anchorWeak') : t('integrity.anchorStrong')}
      </p>
      {status.hubConfigured ? <p>{t('integrity.anchorHub')}</p> : null}
    </div>
  );
}
