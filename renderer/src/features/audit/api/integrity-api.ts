import type { IntegrityStatus } from '@shared/ipc/audit-channels';
import type { Result } from '@shared/ipc/result';
import { callDesk } from '../../../lib/desk-client';

export function fetchIntegrity(): Promise<Result<IntegrityStatus>> {
  return callDesk('auditIntegrity', {});
}

export function acknowledgeIntegrityAlarm(note: string): Promise<Result<IntegrityStatus>> {
  return callDesk('auditIntegrityAcknowledge', { note });
}
