import { useState } from 'react';
import { interfaceLocales, type InterfaceLocale } from '@shared/domain/operator';
import { errorMessage, t } from '../../../i18n/translate';
import { interfaceLocaleOf } from '../../../i18n/interface-language';
import { useSessionStore } from '../../../stores/session-store';
import { setInterfaceLanguage } from '../stores/session-actions';
import './language-picker.css';

/**
 * The signed-in operator's interface language, as a pair of toggle buttons. Each language is
 * named in its own words, so an operator who cannot read the current one still finds theirs.
 * Main keeps the choice on the operator's row, so it follows them to their next sign-in.
 */
export function LanguagePicker() {
  const locale = useSessionStore((s) => s.session?.locale ?? null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  if (locale === null) return null;
  const current = interfaceLocaleOf(locale);

  async function choose(value: InterfaceLocale) {
    if (value === current) return;
    setBusy(true);
    setFailure(null);
    const result = await setInterfaceLanguage(value);
    setBusy(false);
    if (!result.ok) setFailure(errorMessage(result.error.code));
  }

  return (
    <span className="language-picker" role="group" aria-label={t('app.interfaceLanguage')}>
      {interfaceLocales.map((value) => (
        <button
          key={value}
          type="button"
          lang={value}
          className="language-picker__option"
          aria-pressed={value === current}
          disabled={busy}
          onClick={() => void choose(value)}
        >
          {t(`languageName.${value}`)}
        </button>
      ))}
      {failure ? (
        <span role="alert" className="language-picker__error">
          {t('app.interfaceLanguageFailed', { reason: failure })}
        </span>
      ) : null}
    </span>
  );
}
