import { PASSWORD_MIN_LENGTH } from '@shared/auth/password-policy';
import type { IpcError } from '@shared/ipc/result';
import { t } from '../i18n/translate';

/** The reasons main gives (in `details.reason`, with INVALID_INPUT) for a password it refuses. */
const passwordProblems = ['too_short', 'too_long', 'too_common', 'contains_username', 'same_as_current'] as const;

/** The sentence for a password main refused, or null when the error is about something else. */
export function passwordProblemText(error: IpcError): string | null {
  const reason = error.details?.reason;
  if (error.code !== 'INVALID_INPUT' || typeof reason !== 'string' || !(passwordProblems as readonly string[]).includes(reason)) return null;
  return t(`passwordProblem.${reason as (typeof passwordProblems)[number]}`, { min: PASSWORD_MIN_LENGTH });
}
