import { messagesEn, type MessageKey } from '../../../i18n/messages-en';
import { t, type MessageParams } from '../../../i18n/translate';

/** Whether the catalog has a key built at run time (a rule code, a policy code). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(messagesEn, key);
}

export function tIfPresent(key: string, params?: MessageParams): string | null {
  return isMessageKey(key) ? t(key, params) : null;
}
