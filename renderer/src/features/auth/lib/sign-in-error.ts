import type { IpcError } from '@shared/ipc/result';
import { errorMessage, t } from '../../../i18n/translate';
import { formatDateTime } from '../../../lib/format';

/** The sentence for a failed sign-in; a lockout names the time it ends when main gives it. */
export function signInErrorMessage(error: IpcError, locale: string, timeZone: string): string {
  if (error.code === 'OPERATOR_LOCKED') {
    const lockedUntil = error.details?.lockedUntil;
    if (typeof lockedUntil === 'string' && !Number.isNaN(Date.parse(lockedUntil))) {
      return t('auth.lockedUntil', { time: formatDateTime(lockedUntil, locale, timeZone) });
    }
  }
  if (error.code === 'HUB_UNAVAILABLE' && error.details?.reason === 'no_offline_sign_in') return t('auth.noOfflineSignIn');
  return errorMessage(error.code);
}
