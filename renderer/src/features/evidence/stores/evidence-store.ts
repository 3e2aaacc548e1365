import { create } from 'zustand';
import type { RecordedFaultReport, RegisteredClaim } from '@shared/ipc/evidence-channels';
import type { Result } from '@shared/ipc/result';
import { recordFaultReport, registerClaim, type ClaimSubmission, type FaultReportSubmission } from '../api/evidence-api';

/** What the panel last did for an outage, to confirm it beside that outage. */
export type EvidenceNotice =
  | { kind: 'report'; outageId: number; result: RecordedFaultReport }
  | { kind: 'claim'; outageId: number; result: RegisteredClaim };

interface EvidenceState {
  /** The outage whose fault-report form is open, if any. */
  formOutageId: number | null;
  notice: EvidenceNotice | null;
  openForm: (outageId: number) => void;
  closeForm: () => void;
  /** Records a report; the form words a refusal. */
  record: (input: FaultReportSubmission) => Promise<Result<RecordedFaultReport>>;
  claim: (input: ClaimSubmission) => Promise<Result<RegisteredClaim>>;
  reset: () => void;
}

const initial = { formOutageId: null, notice: null };

export const useEvidenceStore = create<EvidenceState>()((set) => ({
  ...initial,
  openForm: (outageId) => set({ formOutageId: outageId, notice: null }),
  closeForm: () => set({ formOutageId: null }),
  record: async (input) => {
    const result = await recordFaultReport(input);
    if (result.ok) set({ formOutageId: null, notice: { kind: 'report', outageId: input.outageId, result: result.value } });
    return result;
  },
  claim: async (input) => {
    const result = await registerClaim(input);
    if (result.ok) set({ notice: { kind: 'claim', outageId: input.outageId, result: result.value } });
    return result;
  },
  reset: () => set(initial),
}));
