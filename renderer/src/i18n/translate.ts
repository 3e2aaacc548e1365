import type { ErrorCode } from '@shared/ipc/result';
import { messagesEn, type MessageKey, type Messages } from './messages-en';

export type MessageParams = Readonly<Record<string, string | number>>;

let catalog: Messages = messagesEn;
let catalogLocale = 'en-US';

/** Switches the catalog (the Dutch one will come through here). */
export function setCatalog(messages: Messages, locale: string): void {
  catalog = messages;
  catalogLocale = locale;
}

/** Replaces `{name}` with params.name; an unknown placeholder stays visible so it is noticed. */
export function interpolate(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/**
 * Runs `work` with another catalog in place, then puts the interface's back: for a text said
 * in the customer's language while the interface stays in the operator's. Synchronous, so
 * nothing else can render in between.
 */
export function withCatalog<T>(messages: Messages, locale: string, work: () => T): T {
  const saved = { catalog, catalogLocale };
  catalog = messages;
  catalogLocale = locale;
  try {
    return work();
  } finally {
    catalog = saved.catalog;
    catalogLocale = saved.catalogLocale;
  }
}

export function t(key: MessageKey, params?: MessageParams): string {
  return interpolate(catalog[key], params);
}

/**
 * Picks the singular or plural key with the catalog language's plural rules; `shown` is how
 * the count is written in the text (a locale-formatted number), the count itself by default.
 */
export function tCount(oneKey: MessageKey, otherKey: MessageKey, count: number, shown: string | number = count): string {
  const form = new Intl.PluralRules(catalogLocale).select(count);
  return t(form === 'one' ? oneKey : otherKey, { count: shown });
}

export function errorMessage(code: ErrorCode): string {
  return t(`error.${code}`);
}
