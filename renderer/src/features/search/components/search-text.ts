import type { SearchMode } from '@shared/ipc/search-channels';
import { t } from '../../../i18n/translate';

const DISPLAY_QUERY_MAX = 60;

/** "account number, phone, and name" in the operator's language conventions. */
export function describeModes(modes: readonly SearchMode[], locale: string): string {
  const words = modes.map((mode) => t(`mode.${mode}`));
  try {
    return new Intl.ListFormat(locale, { type: 'conjunction' }).format(words);
  } catch {
    return words.join(', ');
  }
}

/** A pasted paragraph would push the message off screen; the start is enough to recognise it. */
export function shortenForDisplay(query: string): string {
  const chars = Array.from(query);
  return chars.length > DISPLAY_QUERY_MAX ? `${chars.slice(0, DISPLAY_QUERY_MAX).join('')}…` : query;
}
