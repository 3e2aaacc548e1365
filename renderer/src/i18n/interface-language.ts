import type { InterfaceLocale } from '@shared/domain/operator';
import { messagesEn, type Messages } from './messages-en';
import { messagesNl } from './messages-nl';
import { setCatalog, withCatalog } from './translate';

const catalogs: Readonly<Record<InterfaceLocale, Messages>> = { 'en-US': messagesEn, 'nl-NL': messagesNl };

/**
 * The interface language for a locale: Dutch for any Dutch locale (`nl`, `nl-NL`, `nl-BE`),
 * English otherwise (including an operator row's old default `en`).
 */
export function interfaceLocaleOf(locale: string): InterfaceLocale {
  return /^nl(?:-|$)/i.test(locale) ? 'nl-NL' : 'en-US';
}

let applied: InterfaceLocale | null = null;

/** Switches the catalog to the interface language of `locale`; a no-op when it is already in use. */
export function applyInterfaceLanguage(locale: string): InterfaceLocale {
  const language = interfaceLocaleOf(locale);
  if (applied !== language) {
    setCatalog(catalogs[language], language);
    applied = language;
  }
  return language;
}

/** The interface locale whose catalog speaks a customer's language, or null (Spanish has none yet). */
export function catalogLocaleForCustomer(language: string): InterfaceLocale | null {
  if (language === 'en') return 'en-US';
  if (language === 'nl') return 'nl-NL';
  return null;
}

/** Runs `work` with the catalog of `locale` (one of the interface languages), then restores the interface's. */
export function inInterfaceLanguage<T>(locale: InterfaceLocale, work: () => T): T {
  return withCatalog(catalogs[locale], locale, work);
}
