import { useEffect, useState, type FormEvent } from 'react';
import { isKnownTimeZone } from '@shared/domain/business-day';
import { currencies } from '@shared/domain/account';
import type { DeskOverrideSettings } from '@shared/domain/override';
import { Button } from '../../../components/button';
import { ErrorBanner } from '../../../components/error-banner';
import { StatusMessage } from '../../../components/status-message';
import { TextField } from '../../../components/text-field';
import { errorMessage, t } from '../../../i18n/translate';
import { minorToAmountText, parseAmountToMinor } from '../../../lib/amount-text';
import { formatList, formatMoney } from '../../../lib/format';
import { useOverrideLimitsStore } from '../stores/override-limits-store';
import { PatternThresholdsForm } from './pattern-thresholds-form';
import { PageTitle } from '../../../components/page-title';
import { useDisplayLocale } from '../../../stores/session-store';

type Field = 'perRequestCap' | 'agentDailyTotal' | 'expiryDays' | 'siteTimeZone';
type Draft = Record<Field, string>;

function toDraft(settings: DeskOverrideSettings, locale: string): Draft {
  return {
    perRequestCap: minorToAmountText(settings.perRequestCapMinor, locale),
    agentDailyTotal: minorToAmountText(settings.agentDailyTotalMinor, locale),
    expiryDays: String(settings.expiryDays),
    siteTimeZone: settings.siteTimeZone,
  };
}

/** Checks the form locally for the field messages; main validates again whatever arrives. */
function parseDraft(draft: Draft): { settings: DeskOverrideSettings | null; errors: Partial<Record<Field, string>> } {
  const errors: Partial<Record<Field, string>> = {};
  const perRequestCapMinor = parseAmountToMinor(draft.perRequestCap);
  const agentDailyTotalMinor = parseAmountToMinor(draft.agentDailyTotal);
  const expiryDays = /^\s*\d{1,2}\s*$/.test(draft.expiryDays) ? Number(draft.expiryDays) : NaN;
  if (perRequestCapMinor === null) errors.perRequestCap = t('limits.error.amount');
  if (agentDailyTotalMinor === null) errors.agentDailyTotal = t('limits.error.amount');
  if (!(expiryDays >= 1 && expiryDays <= 90)) errors.expiryDays = t('limits.error.expiryDays');
  const siteTimeZone = draft.siteTimeZone.trim();
  if (!isKnownTimeZone(siteTimeZone)) errors.siteTimeZone = t('limits.error.siteTimeZone');
  if (perRequestCapMinor !== null && agentDailyTotalMinor !== null && agentDailyTotalMinor < perRequestCapMinor) {
    errors.agentDailyTotal = t('limits.error.dailyBelowCap');
  }
  if (Object.keys(errors).length > 0) return { settings: null, errors };
  return { settings: { perRequestCapMinor: perRequestCapMinor!, agentDailyTotalMinor: agentDailyTotalMinor!, expiryDays, siteTimeZone }, errors };
}

/**
 * The amount as it applies in each currency the desk knows: one site amount, counted in each
 * currency on its own (a USD request against the USD figure, a EUR one against the EUR figure).
 */
function perCurrencyText(amountText: string, locale: string): string | null {
  const minor = parseAmountToMinor(amountText);
  if (minor === null) return null;
  return t('limits.perCurrency', { amounts: formatList(currencies.map((c) => formatMoney(minor, c, locale)), locale) });
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
          <TextField
            label={t('limits.perRequestCap')}
            hint={[t('limits.perRequestCapHint'), perCurrencyText(draft.perRequestCap, locale)].filter(Boolean).join(' ')}
            className="field--fit field--amount"
            inputMode="decimal"
            value={draft.perRequestCap}
            error={errors.perRequestCap ?? null}
            onChange={(e) => edit('perRequestCap')(e.target.value)}
          />
          <TextField
            label={t('limits.agentDailyTotal')}
            hint={[t('limits.agentDailyTotalHint'), perCurrencyText(draft.agentDailyTotal, locale)].filter(Boolean).join(' ')}
            className="field--fit field--amount"
            inputMode="decimal"
            value={draft.agentDailyTotal}
            error={errors.agentDailyTotal ?? null}
            onChange={(e) => edit('agentDailyTotal')(e.target.value)}
          />
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
