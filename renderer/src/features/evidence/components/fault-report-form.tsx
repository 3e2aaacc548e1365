import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Line } from '@shared/domain/account';
import { FAULT_NOTE_MIN_LENGTH, faultKinds, type FaultKind } from '@shared/domain/fault-report';
import { Button } from '../../../components/button';
import { ErrorBanner } from '../../../components/error-banner';
import { TextField } from '../../../components/text-field';
import { t } from '../../../i18n/translate';
import { formatPhoneNumber } from '../../../lib/phone';
import { wallClockToUtc } from '../../../lib/wall-clock';
import { evidenceRefusalText } from '../lib/evidence-refusal-text';
import { useEvidenceStore } from '../stores/evidence-store';

export interface FaultReportFormProps {
  accountNumber: string;
  outageId: number;
  outageTitle: string;
  lines: readonly Line[];
  locale: string;
  timeZone: string;
  /** The call's reference when a screen-pop named it. */
  callId: string | null;
  onRecorded: () => void;
  onCancel: () => void;
}

type Field = 'failed' | 'from' | 'note' | 'interactionRef';

/**
 * The customer's fault report, as told on the call: the line (or the whole account), from
 * when to when, what failed, and their words. The draft id makes a double submit record one
 * report; main checks everything again and decides whether a supervisor must approve a credit.
 */
export function FaultReportForm({ accountNumber, outageId, outageTitle, lines, locale, timeZone, callId, onRecorded, onCancel }: FaultReportFormProps) {
  const record = useEvidenceStore((s) => s.record);
  const clientRequestId = useRef(crypto.randomUUID());
  const [lineId, setLineId] = useState<string>('account');
  const [failed, setFailed] = useState<FaultKind[]>([]);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [note, setNote] = useState('');
  const [interactionRef, setInteractionRef] = useState(callId ?? '');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const firstField = useRef<HTMLSelectElement>(null);
  const titleId = `fault-report-${outageId}`;

  useEffect(() => firstField.current?.focus(), []);

  function toggle(kind: FaultKind) {
    setFailed((current) => (current.includes(kind) ? current.filter((k) => k !== kind) : [...current, kind]));
  }

  function closeOnEscape(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key !== 'Escape' || submitting) return;
    event.preventDefault();
    event.stopPropagation();
    onCancel();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (submitting) return;
    const fromAt = wallClockToUtc(from, timeZone);
    const toAt = to ? wallClockToUtc(to, timeZone) : null;
    const local: Partial<Record<Field, string>> = {};
    if (failed.length === 0) local.failed = t('evidence.error.failed');
    if (fromAt === null || (to !== '' && toAt === null)) local.from = t('evidence.error.from');
    if (note.trim().length < FAULT_NOTE_MIN_LENGTH) local.note = t('evidence.error.note', { min: FAULT_NOTE_MIN_LENGTH });
    if (!/^[A-Za-z0-9][A-Za-z0-9._:/-]{2,63}$/.test(interactionRef.trim())) local.interactionRef = t('evidence.error.interactionRef');
    setErrors(local);
    setBanner(null);
    if (Object.keys(local).length > 0 || fromAt === null) return;
    setSubmitting(true);
    const result = await record({
      clientRequestId: clientRequestId.current,
      accountNumber,
      outageId,
      lineId: lineId === 'account' ? null : Number(lineId),
      fromAt,
      toAt,
      failed,
      note: note.trim(),
      interactionRef: interactionRef.trim(),
    });
    setSubmitting(false);
    if (result.ok) onRecorded();
    else setBanner(evidenceRefusalText(result.error, locale));
  }

  return (
    <form className="fault-report-form" aria-labelledby={titleId} onSubmit={(e) => void submit(e)} onKeyDown={closeOnEscape} noValidate>
      <h4 id={titleId} className="fault-report-form__title">
        {t('evidence.formTitle', { outage: outageTitle })}
      </h4>
      {banner ? <ErrorBanner>{banner}</ErrorBanner> : null}
      <div className="field">
        <label className="field__label" htmlFor={`${titleId}-line`}>
          {t('evidence.field.line')}
        </label>
        <select ref={firstField} id={`${titleId}-line`} className="field__input" value={lineId} onChange={(e) => setLineId(e.target.value)}>
          <option value="account">{t('evidence.field.lineAccount')}</option>
          {lines.map((line) => (
            <option key={line.id} value={String(line.id)}>
              {formatPhoneNumber(line.numberE164)}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="field fault-report-form__failed">
        <legend className="field__label">{t('evidence.field.failed')}</legend>
        {faultKinds.map((kind) => (
          <label key={kind} className="fault-report-form__check">
            <input type="checkbox" checked={failed.includes(kind)} onChange={() => toggle(kind)} /> {t(`evidence.failed.${kind}`)}
          </label>
        ))}
        {errors.failed ? <p className="field__error">{errors.failed}</p> : null}
      </fieldset>
      <div className="field">
        <label className="field__label" htmlFor={`${titleId}-from`}>
          {t('evidence.field.from')}
        </label>
        <input id={`${titleId}-from`} className="field__input" type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
        {errors.from ? <p className="field__error">{errors.from}</p> : null}
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${titleId}-to`}>
          {t('evidence.field.to')}
        </label>
        <input id={`${titleId}-to`} className="field__input" type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${titleId}-note`}>
          {t('evidence.field.note')}
        </label>
        <textarea
          id={`${titleId}-note`}
          className="field__input override-form__textarea"
          rows={3}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          aria-invalid={errors.note ? true : undefined}
        />
        <p className="field__hint">{t('evidence.field.noteHint', { min: FAULT_NOTE_MIN_LENGTH })}</p>
        {errors.note ? <p className="field__error">{errors.note}</p> : null}
      </div>
      <TextField
        label={t('evidence.field.interactionRef')}
        value={interactionRef}
        onChange={(e) => setInteractionRef(e.target.value)}
        error={errors.interactionRef ?? null}
        name="faultInteractionRef"
      />
      <div className="override-form__actions">
        <Button type="submit" variant="primary" disabled={submitting}>
          {submitting ? t('evidence.submitting') : t('evidence.submit')}
        </Button>
        <Button onClick={onCancel} disabled={submitting}>
          {t('evidence.cancel')}
        </Button>
      </div>
    </form>
  );
}
