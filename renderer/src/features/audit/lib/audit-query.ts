import type { AuditListInput } from '@shared/ipc/audit-channels';
import { wallClockToUtc } from '../../../lib/wall-clock';

/** What the filter form holds: text as typed, '' for "any". */
export interface AuditFilters {
  operatorId: string;
  action: string;
  accountNumber: string;
  /** Calendar dates (YYYY-MM-DD) in the operator's time zone; the end date is included. */
  fromDate: string;
  toDate: string;
}

export const noAuditFilters: AuditFilters = { operatorId: '', action: '', accountNumber: '', fromDate: '', toDate: '' };

export type AuditQueryProblem = 'account' | 'dateOrder';

function nextDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + 1)).toISOString().slice(0, 10);
}

/**
 * The channel's filter for what the form holds: dates become the UTC instants where those days
 * begin and end in the operator's time zone (the end date counted whole).
 */
export function auditQuery(filters: AuditFilters, timeZone: string): { ok: true; query: AuditListInput } | { ok: false; problem: AuditQueryProblem } {
  const account = filters.accountNumber.replace(/[\s-]/g, '');
  if (account && !/^[0-9]{9,12}$/.test(account)) return { ok: false, problem: 'account' };
  if (filters.fromDate && filters.toDate && filters.toDate < filters.fromDate) return { ok: false, problem: 'dateOrder' };
  const from = filters.fromDate ? wallClockToUtc(`${filters.fromDate}T00:00`, timeZone) : null;
  const to = filters.toDate ? wallClockToUtc(`${nextDate(filters.toDate)}T00:00`, timeZone) : null;
  const operatorId = Number(filters.operatorId);
  return {
    ok: true,
    query: {
      ...(filters.operatorId && Number.isInteger(operatorId) && operatorId > 0 ? { operatorId } : {}),
      ...(filters.action ? { action: filters.action } : {}),
      ...(account ? { accountNumber: account } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
    },
  };
}
