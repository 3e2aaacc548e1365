import { err, type Err } from '@shared/ipc/result';
import type { HubClientError } from './hub-client';

/** The IPC error a hub failure is shown as; the renderer words it from its catalog. */
export function hubFailure(error: HubClientError): Err {
  const details = error.details ? { details: error.details } : {};
  switch (error.code) {
    case 'BAD_CREDENTIALS':
    case 'OPERATOR_LOCKED':
    case 'FORBIDDEN_ROLE':
    case 'ENROLMENT_CODE_INVALID':
    case 'INVALID_INPUT':
    case 'PASSWORD_CHANGE_REQUIRED':
      return err(error.code, { ...details, ...(error.issues ? { issues: error.issues } : {}) });
    case 'UNSENT_OPERATIONS':
      return err('UNSENT_OPERATIONS', details);
    case 'RATE_LIMITED':
      return err('OPERATOR_LOCKED', details);
    case 'DESKTOP_UNKNOWN':
    case 'DESKTOP_REVOKED':
    case 'DESKTOP_MISMATCH':
      return err('NOT_ENROLLED');
    default:
      // `no_offline_sign_in`: the hub cannot be reached and this operator has no verifier here.
      return err('HUB_UNAVAILABLE', error.details?.reason === 'no_offline_sign_in' ? { details: { reason: 'no_offline_sign_in' } } : {});
  }
}
