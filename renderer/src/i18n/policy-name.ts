import { messagesEn, type MessageKey } from './messages-en';
import { t } from './translate';

function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(messagesEn, key);
}

/**
 * A policy as customers hear it, in the interface language ("De vergoeding van februari 2024");
 * the name stored with the policy when the catalog has none for its code. Every screen that
 * names a policy goes through here, so no screen shows the stored English name of a known one.
 */
export function policyName(code: string, storedName: string): string {
  const key = `policyName.${code}`;
  return isMessageKey(key) ? t(key) : storedName;
}
