import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import {
  consentMethods,
  JUSTIFICATION_MIN_LENGTH,
  overrideReasonCodes,
  type ConsentMethod,
  type FiledOverrideKind,
  type OverrideRequestView,
} from '@shared/domain/override';
import type { OverrideOutageOption } from '@shared/ipc/override-channels';
import type { IpcError } from '@shared/ipc/result';
import { Button } from '../../../components/button';
import { ErrorBanner } from '../../../components/error-banner';
import { TextField } from '../../../components/text-field';
import { t } from '../../../i18n/translate';
import { formatMoney } from '../../../lib/format';
import { overrideRefusalText } from '../../../lib/override-refusal-text';
import { utcToWallClock, wallClockToUtc } from '../../../lib/wall-clock';
import { useDisplayTimeZone } from '../../../stores/session-store';
import { minorToAmountText, parseAmountToMinor } from '../../../lib/amount-text';
import { useOverridePanelStore } from '../stores/override-panel-store';

export interface OverrideFormProps {
  accountNumber: string;
  option: OverrideOutageOption;
  perRequestCapMinor: number;
  locale: string;
  onDone: (request: OverrideRequestView) => void;
  onCancel: () => void;
}

type Field = 'kind' | 'amountMinor' | 'reasonCode' | 'justification' | 'interactionRef' | 'inKind';
type FiledReason = Exclude<(typeof overrideReasonCodes)[number], 'customer_fault_report'>;
const filedReasons = overrideReasonCodes.filter((code): code is FiledReason => code !== 'customer_fault_report');

type FieldErrors = Partial<Record<Field, string>>;

function fieldErrorsFrom(error: IpcError, currency: string): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues ?? []) {
    const field = issue.path.split('.')[0] as Field;
    if (field === 'amountMinor') errors.amountMinor = t('override.error.amount', { currency });
    else if (field === 'justification') errors.justification = t('override.error.justification', { min: JUSTIFICATION_MIN_LENGTH });
    else if (field === 'interactionRef') errors.interactionRef = t('override.error.interactionRef');
    else if (field === 'inKind') errors.inKind = t('override.error.inKind');
    else if (field === 'kind' || field === 'reasonCode') errors[field] = t('override.error.generic');
  }
  return errors;
}

/**
 * The override request form. The client request id is drawn once per form, so a double
 * click or a retry after a timeout files one request; main validates everything again.
 */
export function OverrideForm({ accountNumber, option, perRequestCapMinor, locale, onDone, onCancel }: OverrideFormProps) {
  const fileRequest = useOverridePanelStore((s) => s.submit);
  const clientRequestId = useRef(crypto.randomUUID());
  const filedKinds = option.allowedKinds.filter((k): k is FiledOverrideKind => k !== 'report_credit');
  const [kind, setKind] = useState<FiledOverrideKind>(filedKinds[0] ?? 'goodwill');
  const [amount, setAmount] = useState(option.allowedKinds[0] === 'reverse' ? minorToAmountText(option.liveCreditMinor, locale) : '');
  const [reasonCode, setReasonCode] = useState<FiledReason>('excluded_segment_goodwill');
  const [inKindDescription, setInKindDescription] = useState('');
  const [consentMethod, setConsentMethod] = useState<ConsentMethod>('verbal_on_call');
  const timeZone = useDisplayTimeZone();
  const [consentAt, setConsentAt] = useState(() => utcToWallClock(new Date().toISOString(), timeZone));
  const [justification, setJustification] = useState('');
  // A screen-pop names the call: that is the interaction reference, unless the agent changes it.
  const [interactionRef, setInteractionRef] = useState(() => useOverridePanelStore.getState().callId ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const currency = option.currency;
  const titleId = `override-form-${option.outageId}`;
  const firstField = useRef<HTMLSelectElement>(null);

  // Opened to be filled in: the first field takes focus, so the agent types at once.
  useEffect(() => firstField.current?.focus(), []);

  function closeOnEscape(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key !== 'Escape' || event.altKey || event.ctrlKey || event.metaKey || submitting) return;
    // The form's Escape closes the form; it must not also take the agent back to the results.
    event.preventDefault();
    event.stopPropagation();
    onCancel();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (submitting) return;
    const amountMinor = parseAmountToMinor(amount);
    const local: FieldErrors = {};
    if (amountMinor === null) local.amountMinor = t('override.error.amount', { currency });
    if (justification.trim().length < JUSTIFICATION_MIN_LENGTH) {
      local.justification = t('override.error.justification', { min: JUSTIFICATION_MIN_LENGTH });
    }
    if (!/^[A-Za-z0-9][A-Za-z0-9._:/-]{2,63}$/.test(interactionRef.trim())) local.interactionRef = t('override.error.interactionRef');
    const consentUtc = wallClockToUtc(consentAt, timeZone);
    if (kind === 'in_kind' && (inKindDescription.trim().length < 3 || consentUtc === null)) local.inKind = t('override.error.inKind');
    setErrors(local);
    setBanner(null);
    if (Object.keys(local).length > 0 || amountMinor === null) return;
    setSubmitting(true);
    const common = {
      clientRequestId: clientRequestId.current,
      accountNumber,
      outageId: option.outageId,
      amountMinor,
      reasonCode,
      justification: justification.trim(),
      interactionRef: interactionRef.trim(),
    };
    const result = await fileRequest(
      kind === 'in_kind'
        ? { ...common, kind, inKind: { description: inKindDescription.trim(), consent: { method: consentMethod, at: consentUtc ?? '' } } }
        : { ...common, kind },
    );
    setSubmitting(false);
    if (result.ok) {
      onDone(result.value);
      return;
    }
    if (result.error.code === 'INVALID_INPUT') setErrors(fieldErrorsFrom(result.error, currency));
    else setBanner(overrideRefusalText(result.error, currency, locale));
  }

  return (
    <form className="override-form" aria-labelledby={titleId} onSubmit={(event) => void submit(event)} onKeyDown={closeOnEscape} noValidate>
      <h3 id={titleId} className="override-form__title">
        {t('override.formTitle', { outage: option.title })}
      </h3>
      {banner ? <ErrorBanner>{banner}</ErrorBanner> : null}
      <div className="field">
        <label className="field__label" htmlFor={`${titleId}-kind`}>
          {t('override.field.kind')}
        </label>
        <select ref={firstField} id={`${titleId}-kind`} className="field__input" value={kind} onChange={(e) => setKind(e.target.value as FiledOverrideKind)}>
          {filedKinds.map((k) => (
            <option key={k} value={k}>
              {t(`override.kind.${k}`)}
            </option>
          ))}
        </select>
        {errors.kind ? <p className="field__error">{errors.kind}</p> : null}
      </div>
      <TextField
        label={t('override.field.amount', { currency })}
        hint={t('override.field.amountHint', { cap: formatMoney(perRequestCapMinor, currency, locale) })}
        inputMode="decimal"
        value={amount}
        onChange={(e) => setAmount(e.target.value)}
        error={errors.amountMinor ?? null}
        name="amount"
      />
      {kind === 'in_kind' ? (
        <fieldset className="override-form__in-kind" data-testid="in-kind-consent">
          <TextField
            label={t('override.field.inKindDescription')}
            hint={t('override.field.inKindDescriptionHint')}
            value={inKindDescription}
            onChange={(e) => setInKindDescription(e.target.value)}
            error={errors.inKind ?? null}
            name="inKindDescription"
          />
          <div className="field">
            <label className="field__label" htmlFor={`${titleId}-consent-method`}>
              {t('override.field.consentMethod')}
            </label>
            <select
              id={`${titleId}-consent-method`}
              className="field__input"
              value={consentMethod}
              onChange={(e) => setConsentMethod(e.target.value as ConsentMethod)}
            >
              {consentMethods.map((m) => (
                <option key={m} value={m}>
                  {t(`override.consent.${m}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${titleId}-consent-at`}>
              {t('override.field.consentAt')}
            </label>
            <input
              id={`${titleId}-consent-at`}
              className="field__input"
              type="datetime-local"
              value={consentAt}
              onChange={(e) => setConsentAt(e.target.value)}
            />
          </div>
        </fieldset>
      ) : null}
      <div className="field">
        <label className="field__label" htmlFor={`${titleId}-reason`}>
          {t('override.field.reason')}
        </label>
        <select
          id={`${titleId}-reason`}
          className="field__input"
          value={reasonCode}
          onChange={(e) => setReasonCode(e.target.value as FiledReason)}
        >
          {filedReasons.map((code) => (
            <option key={code} value={code}>
              {t(`override.reason.${code}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${titleId}-justification`}>
          {t('override.field.justification')}
        </label>
        <textarea
          id={`${titleId}-justification`}
          className="field__input override-form__textarea"
          rows={3}
          value={justification}
          onChange={(e) => setJustification(e.target.value)}
          aria-invalid={errors.justification ? true : undefined}
          aria-describedby={`${titleId}-justification-hint`}
        />
        <p id={`${titleId}-justification-hint`} className="field__hint">
          {t('override.field.justificationHint', { min: JUSTIFICATION_MIN_LENGTH })}
        </p>
        {errors.justification ? <p className="field__error">{errors.justification}</p> : null}
      </div>
      <TextField
        label={t('override.field.interactionRef')}
        hint={t('override.field.interactionRefHint')}
        value={interactionRef}
        onChange={(e) => setInteractionRef(e.target.value)}
        error={errors.interactionRef ?? null}
        name="interactionRef"
      />
      <div className="override-form__actions">
        <Button type="submit" variant="primary" disabled={submitting}>
          {submitting ? t('override.submitting') : t('override.submit')}
        </Button>
        <Button onClick={onCancel} disabled={submitting}>
          {t('override.cancel')}
        </Button>
      </div>
    </form>
  );
}
