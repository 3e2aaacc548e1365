import { messagesEn, type MessageKey } from '../../../i18n/messages-en';
import { t } from '../../../i18n/translate';

/**
 * The catalog's words for a code main sent (a decision status, a rule, a policy), or the
 * code itself when the catalog has none: the queue must show every request even when a
 * newer main sends a code this build cannot word.
 */
export function catalogTextOr(key: string, fallback: string): string {
  return Object.prototype.hasOwnProperty.call(messagesEn, key) ? t(key as MessageKey) : fallback;
}
