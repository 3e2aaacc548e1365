import type { OverrideRequestView, OverrideSettings } from '@shared/domain/override';
import { toOverrideView as sharedView } from '@shared/domain/override-view';
import type { OverrideRow } from './override-repo';

export { overrideAuditSnapshot } from '@shared/domain/override-view';

/** The shared view of a request, plus where it stands with the hub on a desktop that has one. */
export function toOverrideView(row: OverrideRow, settings: OverrideSettings): OverrideRequestView {
  return {
    ...sharedView(row, settings),
    ...(row.syncState ? { syncState: row.syncState, syncRefusal: row.syncRefusal } : {}),
    inKind:
      row.inKindDescription !== null && row.consentMethod !== null && row.consentAt !== null
        ? { description: row.inKindDescription, consentMethod: row.consentMethod, consentAt: row.consentAt, recordedBy: row.requestedBy }
        : null,
    faultReport:
      row.faultReportId !== null && row.policyCode !== null
        ? {
            id: row.faultReportId,
            policyCode: row.policyCode,
            lineId: row.reportLineId,
            fromAt: row.reportFromAt ?? '',
            toAt: row.reportToAt,
            failed: row.reportFailedJson ? (JSON.parse(row.reportFailedJson) as string[]) : [],
            reportedAt: row.reportReportedAt ?? '',
            note: row.reportNote ?? '',
          }
        : null,
  };
}

/** The audit snapshot of a request, with the consent or the report it carries. */
export function overrideAuditDetails(row: OverrideRow) {
  return {
    ...(row.inKindDescription !== null
      ? { inKind: { description: row.inKindDescription, consentMethod: row.consentMethod, consentAt: row.consentAt } }
      : {}),
    ...(row.faultReportId !== null ? { faultReportId: row.faultReportId, policyCode: row.policyCode } : {}),
  };
}
