import { overrideExpiresAt, type OverrideRequestView, type OverrideSettings } from '@shared/domain/override';
import type { OverrideRow } from './override-repo';

export function toOverrideView(row: OverrideRow, settings: OverrideSettings): OverrideRequestView {
  return {
    id: row.id,
    accountNumber: row.accountNumber,
    holderName: row.holderName,
    outageId: row.outageId,
    outageTitle: row.outageTitle,
    kind: row.kind,
    amountMinor: row.amountMinor,
    currency: row.currency,
    reasonCode: row.reasonCode,
    justification: row.justification,
    interactionRef: row.interactionRef,
    requestedBy: row.requestedBy,
    status: row.status,
    decidedBy: row.decidedBy,
    decisionNote: row.decisionNote,
    createdAt: row.createdAt,
    decidedAt: row.decidedAt,
    expiresAt: overrideExpiresAt(row.createdAt, settings.expiryDays),
    creditId: row.creditId,
    creditStatus: row.creditStatus,
    billDate: row.billDate,
    version: row.version,
    ...(row.syncState ? { syncState: row.syncState, syncRefusal: row.syncRefusal } : {}),
  };
}

/** The fields an audit event keeps of a request: enough to rebuild what changed. */
export function overrideAuditSnapshot(row: OverrideRow) {
  return {
    id: row.id,
    accountNumber: row.accountNumber,
    outageId: row.outageId,
    kind: row.kind,
    amountMinor: row.amountMinor,
    currency: row.currency,
    reasonCode: row.reasonCode,
    interactionRef: row.interactionRef,
    requestedBy: row.requestedBy,
    status: row.status,
    decidedBy: row.decidedBy,
    decisionNote: row.decisionNote,
    creditId: row.creditId,
    version: row.version,
  };
}
