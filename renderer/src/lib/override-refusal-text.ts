import type { IpcError } from '@shared/ipc/result';
import { messagesEn, type MessageKey } from '../i18n/messages-en';
import { errorMessage, t } from '../i18n/translate';
import { formatMoney } from './format';

function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(messagesEn, key);
}

/**
 * Words an override refusal: main sends a code and `details.reason`; the catalog has a
 * sentence for each reason, with the limits main reported filled in. An unknown reason
 * falls back to the code's message.
 */
export function overrideRefusalText(error: IpcError, currency: string, locale: string): string {
  const key = `override.refusal.${String(error.details?.reason ?? '')}`;
  if (!isMessageKey(key)) return errorMessage(error.code);
  return t(key, {
    cap: formatMoney(Number(error.details?.perRequestCapMinor ?? 0), currency, locale),
    total: formatMoney(Number(error.details?.agentDailyTotalMinor ?? 0), currency, locale),
    floor: formatMoney(Number(error.details?.legalFloorMinor ?? 0), currency, locale),
  });
}
