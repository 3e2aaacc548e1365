import type Database from 'better-sqlite3';
import { ok } from '@shared/ipc/result';
import { decideOverrideRequest, withdrawOverride } from '../overrides/override-decide';
import { listMyOverrides, listOverrideOptions, listOverrideQueueItems } from '../overrides/override-queries';
import { getOverrideSettings, setOverrideSettings } from '../overrides/override-settings';
import { getPatternThresholds, setPatternThresholds } from '../overrides/override-patterns';
import type { OverrideOutbox } from '../overrides/override-outbox';
import { submitOverride } from '../overrides/override-submit';
import type { Actor } from '@shared/domain/operator';
import type { Handlers } from './handlers';

export type OverrideHandlers = Pick<
  Handlers,
  | 'overridesOptions'
  | 'overridesSubmit'
  | 'overridesMine'
  | 'overridesWithdraw'
  | 'overridesQueue'
  | 'overridesDecide'
  | 'overridesSettingsGet'
  | 'overridesSettingsSet'
  | 'overridesPatternsGet'
  | 'overridesPatternsSet'
>;

// Every override channel has a role list, so the dispatcher only calls these with an actor.
function actorOf(actor: Actor | null): Actor {
  if (!actor) throw new Error('override handler called without an actor');
  return actor;
}

/** `outbox` on a desktop that syncs with a hub: every operation is also recorded there, in its transaction. */
export function createOverrideHandlers(db: Database.Database, outbox?: OverrideOutbox): OverrideHandlers {
  return {
    overridesOptions: (input, ctx) => listOverrideOptions(db, input.accountNumber, ctx.now),
    overridesSubmit: (input, ctx) => submitOverride(db, actorOf(ctx.actor), ctx.now, input, outbox),
    overridesMine: (_input, ctx) => ok(listMyOverrides(db, actorOf(ctx.actor), ctx.now)),
    overridesWithdraw: (input, ctx) => withdrawOverride(db, actorOf(ctx.actor), ctx.now, input, outbox),
    overridesQueue: (input, ctx) => ok(listOverrideQueueItems(db, ctx.now, input)),
    overridesDecide: (input, ctx) => decideOverrideRequest(db, actorOf(ctx.actor), ctx.now, input, outbox),
    overridesSettingsGet: () => ok(getOverrideSettings(db)),
    overridesSettingsSet: (input, ctx) => setOverrideSettings(db, actorOf(ctx.actor), ctx.now, input),
    overridesPatternsGet: () => ok(getPatternThresholds(db)),
    overridesPatternsSet: (input, ctx) => ok(setPatternThresholds(db, actorOf(ctx.actor), ctx.now, input)),
  };
}
