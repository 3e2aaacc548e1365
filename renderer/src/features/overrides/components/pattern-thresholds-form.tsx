import { useEffect, useState, type FormEvent } from 'react';
import { PatternThresholds } from '@shared/domain/override-patterns';
import { Button } from '../../../components/button';
import { ErrorBanner } from '../../../components/error-banner';
import { StatusMessage } from '../../../components/status-message';
import { TextField } from '../../../components/text-field';
import type { MessageKey } from '../../../i18n/messages-en';
import { errorMessage, t } from '../../../i18n/translate';
import { formatNumber } from '../../../lib/format';
import { useDisplayLocale } from '../../../stores/session-store';
import { usePatternThresholdsStore } from '../stores/pattern-thresholds-store';

type Field = keyof PatternThresholds;
type Draft = Record<Field, string>;

/** The form's two groups, in the order an admin reads them. */
const groups: ReadonlyArray<{ legend: MessageKey; fields: readonly Field[] }> = [
  { legend: 'flags.rate', fields: ['rateFactor', 'rateMinRecent', 'rateRecentHours', 'rateBaselineDays'] },
  { legend: 'flags.repeat', fields: ['repeatWindowDays', 'repeatAccountMin', 'repeatCustomerMinAccounts', 'nearCapMarginPercent', 'nearCapMin'] },
];

const texts: Record<Field, { label: MessageKey; hint: MessageKey }> = {
  rateFactor: { label: 'flags.rateFactor', hint: 'flags.rateFactorHint' },
  rateMinRecent: { label: 'flags.rateMinRecent', hint: 'flags.rateMinRecentHint' },
  rateRecentHours: { label: 'flags.rateRecentHours', hint: 'flags.rateRecentHoursHint' },
  rateBaselineDays: { label: 'flags.rateBaselineDays', hint: 'flags.rateBaselineDaysHint' },
  repeatWindowDays: { label: 'flags.repeatWindowDays', hint: 'flags.repeatWindowDaysHint' },
  repeatAccountMin: { label: 'flags.repeatAccountMin', hint: 'flags.repeatAccountMinHint' },
  repeatCustomerMinAccounts: { label: 'flags.repeatCustomerMinAccounts', hint: 'flags.repeatCustomerMinAccountsHint' },
  nearCapMarginPercent: { label: 'flags.nearCapMarginPercent', hint: 'flags.nearCapMarginPercentHint' },
  nearCapMin: { label: 'flags.nearCapMin', hint: 'flags.nearCapMinHint' },
};

/** Each field's bounds come from the shared schema main checks with, so the two never differ. */
function boundsOf(field: Field): { min: number; max: number; whole: boolean } {
  const schema = PatternThresholds.shape[field];
  return { min: schema.minValue ?? 0, max: schema.maxValue ?? Number.MAX_SAFE_INTEGER, whole: schema.isInt };
}

function toDraft(thresholds: PatternThresholds, locale: string): Draft {
  const draft = {} as Draft;
  for (const field of Object.keys(thresholds) as Field[]) draft[field] = formatNumber(thresholds[field], locale).replace(/\s/g, '');
  return draft;
}

/** A number as an admin types it: digits with at most one decimal separator (point or comma), group separators ignored for whole numbers. */
function parseNumber(text: string, whole: boolean): number | null {
  const trimmed = text.trim();
  if (whole) {
    const digits = trimmed.replace(/[.,\u00a0\u202f ](?=\d{3}(\D|$))/g, '');
    return /^\d{1,7}$/.test(digits) ? Number(digits) : null;
  }
  return /^\d{1,3}([.,]\d{1,2})?$/.test(trimmed) ? Number(trimmed.replace(',', '.')) : null;
}

/** Checks the form locally for the field messages; main validates again whatever arrives. */
function parseDraft(draft: Draft, locale: string): { thresholds: PatternThresholds | null; errors: Partial<Record<Field, string>> } {
  const errors: Partial<Record<Field, string>> = {};
  const values: Partial<Record<Field, number>> = {};
  for (const field of Object.keys(draft) as Field[]) {
    const { min, max, whole } = boundsOf(field);
    const value = parseNumber(draft[field], whole);
    if (value === null || value < min || value > max) errors[field] = whole ? t('flags.error.range', { min: formatNumber(min, locale), max: formatNumber(max, locale) }) : t('flags.error.factor');
    else values[field] = value;
  }
  if (Object.keys(errors).length > 0) return { thresholds: null, errors };
  const parsed = PatternThresholds.safeParse(values);
  return parsed.success ? { thresholds: parsed.data, errors } : { thresholds: null, errors };
}

/** The admin's thresholds for the queue's pattern flags (a flag informs; it never blocks). */
export function PatternThresholdsForm() {
  const { value: thresholds, failure, saving, load, save } = usePatternThresholdsStore();
  const locale = useDisplayLocale();
  const [edited, setEdited] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [saved, setSaved] = useState(false);
  const draft = edited ?? (thresholds ? toDraft(thresholds, locale) : null);

  useEffect(() => {
    void load();
    return () => usePatternThresholdsStore.getState().reset();
  }, [load]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!draft || saving) return;
    const parsed = parseDraft(draft, locale);
    setErrors(parsed.errors);
    setSaved(false);
    if (!parsed.thresholds) return;
    if (await save(parsed.thresholds)) {
      setEdited(null);
      setSaved(true);
    }
  }

  return (
    <section className="overrides-screen__section" aria-labelledby="pattern-flags-title">
      <h2 id="pattern-flags-title">{t('flags.title')}</h2>
      <p>{t('flags.intro')}</p>
      {failure ? <ErrorBanner>{errorMessage(failure.code)}</ErrorBanner> : null}
      {draft ? (
        <form aria-labelledby="pattern-flags-title" onSubmit={submit} noValidate>
          {groups.map((group) => (
            <fieldset key={group.legend} className="overrides-screen__group">
              <legend>{t(group.legend)}</legend>
              {group.fields.map((field) => (
                <TextField
                  key={field}
                  label={t(texts[field].label)}
                  hint={t(texts[field].hint)}
                  className="field--fit field--days"
                  inputMode={boundsOf(field).whole ? 'numeric' : 'decimal'}
                  value={draft[field]}
                  error={errors[field] ?? null}
                  onChange={(e) => {
                    setSaved(false);
                    setEdited({ ...draft, [field]: e.target.value });
                  }}
                />
              ))}
            </fieldset>
          ))}
          <Button type="submit" variant="primary" disabled={saving}>
            {saving ? t('limits.saving') : t('flags.save')}
          </Button>
        </form>
      ) : failure ? null : (
        <StatusMessage>{t('flags.loading')}</StatusMessage>
      )}
      {saved ? <StatusMessage>{t('flags.saved')}</StatusMessage> : null}
    </section>
  );
}
