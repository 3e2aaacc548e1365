import type Database from 'better-sqlite3';
import type { OverrideStatus } from '@shared/domain/override';
import type { FaultReportRegisterItem } from '@shared/ipc/evidence-channels';
import { listFaultReportRegister, toLocalFaultReportView } from '../evidence/fault-report-repo';

const REGISTER_LIMIT = 200;

/** The fault-report register for supervisors: the newest reports, whose they are and what they led to. */
export function listRegister(db: Database.Database, outageId: number | null): FaultReportRegisterItem[] {
  return listFaultReportRegister(db, outageId, REGISTER_LIMIT).map((row) => ({
    ...toLocalFaultReportView(row),
    accountNumber: row.accountNumber,
    holderName: row.holderName,
    outageTitle: row.outageTitle,
    request:
      row.requestId !== null && row.requestStatus !== null
        ? { id: row.requestId, status: row.requestStatus as OverrideStatus, amountMinor: row.requestAmountMinor ?? 0, currency: row.requestCurrency ?? '' }
        : null,
  }));
}
