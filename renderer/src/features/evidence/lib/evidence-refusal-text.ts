import type { IpcError } from '@shared/ipc/result';
import { messagesEn, type MessageKey } from '../../../i18n/messages-en';
import { errorMessage, t } from '../../../i18n/translate';
import { formatCalendarDate } from '../../../lib/format';

function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(messagesEn, key);
}

/** Words a refused report or claim from its `details.reason`; an unknown reason falls back to the code's message. */
export function evidenceRefusalText(error: IpcError, locale: string): string {
  const key = `evidence.refusal.${String(error.details?.reason ?? '')}`;
  if (!isMessageKey(key)) return errorMessage(error.code);
  const windowEndsOn = error.details?.windowEndsOn;
  return t(key, { date: typeof windowEndsOn === 'string' ? formatCalendarDate(windowEndsOn, locale) : '' });
}
