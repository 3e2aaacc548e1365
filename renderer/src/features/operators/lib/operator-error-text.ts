import { operatorRefusals } from '@shared/ipc/operator-channels';
import type { IpcError } from '@shared/ipc/result';
import { errorMessage, t } from '../../../i18n/translate';
import { passwordProblemText } from '../../../lib/password-problem-text';

/** What to tell the admin when main refused a change to an operator. */
export function operatorErrorText(error: IpcError): string {
  const reason = error.details?.reason;
  if (error.code === 'CONFLICT' && typeof reason === 'string' && (operatorRefusals as readonly string[]).includes(reason)) {
    return t(`operators.refusal.${reason as (typeof operatorRefusals)[number]}`);
  }
  return passwordProblemText(error) ?? errorMessage(error.code);
}
