import type { OverrideSettings } from '@shared/domain/override';
import type { OverrideRequestView } from '@shared/domain/override';
import type { OverrideRuleRefusal } from '@shared/domain/override-rules';
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
export type OperationOutcome = { ok: true; request: OverrideRequestView; position: PendingPosition } | { ok: false; refusal: OverrideRuleRefusal };

export function refused(refusal: OverrideRuleRefusal): OperationOutcome {
  return { ok: false, refusal };
}
