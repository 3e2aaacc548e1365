import type { AuditChainView, AuditPage } from '@shared/ipc/audit-channels';
import type { ChannelInput } from '@shared/ipc/channels';
import type { Result } from '@shared/ipc/result';
import { callDesk } from '../../../lib/desk-client';

export type AuditQuery = ChannelInput<'auditList'>;

export function fetchAuditEvents(query: AuditQuery): Promise<Result<AuditPage>> {
  return callDesk('auditList', query);
}

export function verifyAuditChain(): Promise<Result<AuditChainView>> {
  return callDesk('auditVerify', {});
}
