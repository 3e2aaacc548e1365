import type { OverrideSettings } from '@shared/domain/override';
import type { OverrideRequestView } from '@shared/domain/override';
import type { OverrideRuleRefusal } from '@shared/domain/override-rules';
import type { EvidenceResult } from '@shared/hub/evidence-operations';
import type { OperationRefusalReason } from '@shared/hub/operations';
import type { Caller } from '../auth/caller';
import type { Tx } from '../db/transaction';
import type { LogBatch, PendingPosition } from '../logs/log-batch';

export interface OperationContext {
  readonly tx: Tx;
  readonly caller: Caller;
  readonly now: Date;
  readonly settings: OverrideSettings;
  /** The site's time zone (site_settings), whose business day the per-agent daily total counts. */
  readonly siteTimeZone: string;
  /** The audit events and changes the operation appends, written in one step at its end. */
  readonly logs: LogBatch;
}

/** What an operation's use case decided: applied (with the request afterwards) or refused by a rule. */
export type OperationOutcome =
  | { ok: true; request?: OverrideRequestView; evidence?: EvidenceResult; position: PendingPosition }
  | { ok: false; refusal: OperationRefusal };

/** An override rule's refusal, or an evidence rule's (the same codes, more reasons). */
export interface OperationRefusal {
  code: OverrideRuleRefusal['code'];
  reason: OperationRefusalReason;
  details: OverrideRuleRefusal['details'];
}

export function refused(refusal: OperationRefusal): OperationOutcome {
  return { ok: false, refusal };
}
