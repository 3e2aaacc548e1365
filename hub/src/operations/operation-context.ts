import type { OverrideSettings } from '@shared/domain/override';
import type { OverrideRequestView } from '@shared/domain/override';
import type { OverrideRuleRefusal } from '@shared/domain/override-rules';
import type { Caller } from '../auth/caller';
import type { Tx } from '../db/transaction';

export interface OperationContext {
  readonly tx: Tx;
  readonly caller: Caller;
  readonly now: Date;
  readonly settings: OverrideSettings;
}

/** What an operation's use case decided: applied (with the request afterwards) or refused by a rule. */
export type OperationOutcome = { ok: true; request: OverrideRequestView; position: number } | { ok: false; refusal: OverrideRuleRefusal };

export function refused(refusal: OverrideRuleRefusal): OperationOutcome {
  return { ok: false, refusal };
}
