import { useEffect, useState, type FormEvent } from 'react';
import { isKnownTimeZone } from '@shared/domain/business-day';
import { currencies, type Currency } from '@shared/domain/account';
import { overrideSettingsProblems, type DeskOverrideSettings, type LimitByCurrency } from '@shared/domain/override';
import { Button } from '../../../components/button';
import { ErrorBanner } from '../../../components/error-banner';
import { StatusMessage } from '../../../components/status-message';
import { TextField } from '../../../components/text-field';
import { errorMessage, t } from '../../../i18n/translate';
import { minorToAmountText, parseAmountToMinor } from '../../../lib/amount-text';
import { formatMoney } from '../../../lib/format';
import { useOverrideLimitsStore } from '../stores/override-limits-store';
import { PatternThresholdsForm } from './pattern-thresholds-form';
import { PageTitle } from '../../../components/page-title';
import { useDisplayLocale } from '../../../stores/session-store';

type AmountField = `${'perRequestCap' | 'agentDailyTotal'}.${Currency}`;
type Field = AmountField | 'expiryDays' | 'siteTimeZone';
type Draft = Record<Field, string>;

const capField = (c: Currency): AmountField => `perRequestCap.${c}`;
const dailyField = (c: Currency): AmountField => `agentDailyTotal.${c}`;

function toDraft(settings: DeskOverrideSettings, locale: string): Draft {
  const draft = { expiryDays: String(settings.expiryDays), siteTimeZone: settings.siteTimeZone } as Draft;
  for (const c of currencies) {
    draft[capField(c)] = minorToAmountText(settings.perRequestCapMinor[c], locale);
    draft[dailyField(c)] = minorToAmountText(settings.agentDailyTotalMinor[c], locale);
  }
  return draft;
}

/** Checks the form locally for the field messages (the shared rule included); main validates again whatever arrives. */
function parseDraft(draft: Draft): { settings: DeskOverrideSettings | null; errors: Partial<Record<Field, string>> } {
  const errors: Partial<Record<Field, string>> = {};
  const perRequestCapMinor = {} as LimitByCurrency;
  const agentDailyTotalMinor = {} as LimitByCurrency;
  for (const c of currencies) {
    const cap = parseAmountToMinor(draft[capField(c)]);
    const daily = parseAmountToMinor(draft[dailyField(c)]);
    if (cap === null) errors[capField(c)] = t('limits.error.amount');
    else perRequestCapMinor[c] = cap;
    if (daily === null) errors[dailyField(c)] = t('limits.error.amount');
    else agentDailyTotalMinor[c] = daily;
  }
  const expiryDays = /^\s*\d{1,2}\s*$/.test(draft.expiryDays) ? Number(draft.expiryDays) : NaN;
  if (!(expiryDays >= 1 && expiryDays <= 90)) errors.expiryDays = t('limits.error.expiryDays');
  const siteTimeZone = draft.siteTimeZone.trim();
  if (!isKnownTimeZone(siteTimeZone)) errors.siteTimeZone = t('limits.error.siteTimeZone');
  const amountsParsed = currencies.every((c) => !errors[capField(c)] && !errors[dailyField(c)]);
  if (amountsParsed) {
    for (const c of overrideSettingsProblems({ perRequestCapMinor, agentDailyTotalMinor })) {
      errors[dailyField(c)] = t('limits.error.dailyBelowCap', { currency: c });
    }
  }
  if (Object.keys(errors).length > 0) return { settings: null, errors };
  return { settings: { perRequestCapMinor, agentDailyTotalMinor, expiryDays, siteTimeZone }, errors };
}

/** Admin screen for the override limits that main enforces on every request and decision. */
export function OverrideLimitsScreen() {
  const { value: settings, failure, saving, load, save } = useOverrideLimitsStore();
  const locale = useDisplayLocale();
  /** What the admin typed; null shows the limits as main stores them. */
  const [edited, setEdited] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [saved, setSaved] = useState(false);
  const draft = edited ?? (settings ? toDraft(settings, locale) : null);

  useEffect(() => {
    void load();
    return () => useOverrideLimitsStore.getState().reset();
  }, [load]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!draft || saving) return;
    const parsed = parseDraft(draft);
    setErrors(parsed.errors);
    setSaved(false);
    if (!parsed.settings) return;
    if (await save(parsed.settings)) {
      setEdited(null);
      setSaved(true);
    }
  }

  const edit = (field: Field) => (value: string) => {
    setSaved(false);
    if (draft) setEdited({ ...draft, [field]: value });
  };

  return (
    <section className="overrides-screen" aria-labelledby="override-limits-title">
      <PageTitle id="override-limits-title">{t('limits.title')}</PageTitle>
      <p>{t('limits.intro')}</p>
      {failure ? <ErrorBanner>{errorMessage(failure.code)}</ErrorBanner> : null}
      {draft ? (
        <form aria-labelledby="override-limits-title" onSubmit={submit} noValidate>
          {currencies.map((c) => (
            <fieldset key={c} className="overrides-screen__group">
              <legend>{t('limits.currencyLegend', { currency: c })}</legend>
              <TextField
                label={t('limits.perRequestCap', { currency: c })}
                hint={t('limits.perRequestCapHint', { currency: c, example: formatMoney(5_000, c, locale) })}
                className="field--fit field--amount"
                inputMode="decimal"
                value={draft[capField(c)]}
                error={errors[capField(c)] ?? null}
                onChange={(e) => edit(capField(c))(e.target.value)}
              />
              <TextField
                label={t('limits.agentDailyTotal', { currency: c })}
                hint={t('limits.agentDailyTotalHint', { currency: c })}
                className="field--fit field--amount"
                inputMode="decimal"
                value={draft[dailyField(c)]}
                error={errors[dailyField(c)] ?? null}
                onChange={(e) => edit(dailyField(c))(e.target.value)}
              />
            </fieldset>
          ))}
          <TextField
            label={t('limits.expiryDays')}
            hint={t('limits.expiryDaysHint')}
            className="field--fit field--days"
            inputMode="numeric"
            value={draft.expiryDays}
            error={errors.expiryDays ?? null}
            onChange={(e) => edit('expiryDays')(e.target.value)}
          />
          <TextField
            label={t('limits.siteTimeZone')}
            hint={t('limits.siteTimeZoneHint')}
            className="field--fit field--zone"
            autoComplete="off"
            spellCheck={false}
            value={draft.siteTimeZone}
            error={errors.siteTimeZone ?? null}
            onChange={(e) => edit('siteTimeZone')(e.target.value)}
          />
          <Button type="submit" variant="primary" disabled={saving}>
            {saving ? t('limits.saving') : t('limits.save')}
          </Button>
        </form>
      ) : failure ? null : (
        <StatusMessage>{t('limits.loading')}</StatusMessage>
      )}
      {saved ? <StatusMessage>{t('limits.saved')}</StatusMessage> : null}
      <PatternThresholdsForm />
    </section>
  );
}
