import type { Currency } from './account';
import { overrideExpiresAt, type OverrideKind, type OverrideReasonCode, type OverrideRequestView, type OverrideSettings, type OverrideStatus } from './override';

/** A request as a store reads it, joined with the names a reader needs: the same at the hub and on a desktop. */
export interface StoredOverride {
  id: string;
  accountId: number;
  accountNumber: string;
  holderName: string;
  billCycleDay: number;
  outageId: number;
  outageTitle: string;
  kind: OverrideKind;
  amountMinor: number;
  currency: Currency;
  reasonCode: OverrideReasonCode;
  justification: string;
  interactionRef: string;
  requestedById: number;
  requestedBy: string;
  status: OverrideStatus;
  decidedById: number | null;
  decidedBy: string | null;
  decisionNote: string | null;
  createdAt: string;
  decidedAt: string | null;
  creditId: string | null;
  creditStatus: string | null;
  billDate: string | null;
  version: number;
}

export function toOverrideView(row: StoredOverride, settings: OverrideSettings): OverrideRequestView {
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
  };
}

/** The fields an audit event keeps of a request: enough to rebuild what changed. */
export function overrideAuditSnapshot(row: StoredOverride) {
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
