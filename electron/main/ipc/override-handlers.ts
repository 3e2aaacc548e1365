import type Database from 'better-sqlite3';
import { ok } from '@shared/ipc/result';
import { decideOverrideRequest, withdrawOverride } from '../overrides/override-decide';
import { listMyOverrides, listOverrideOptions, listOverrideQueueItems } from '../overrides/override-queries';
import { getOverrideSettings, setOverrideSettings } from '../overrides/override-settings';
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
>;

// Every override channel has a role list, so the dispatcher only calls these with an actor.
function actorOf(actor: Actor | null): Actor {
  if (!actor) throw new Error('override handler called without an actor');
  return actor;
}

export function createOverrideHandlers(db: Database.Database): OverrideHandlers {
  return {
    overridesOptions: (input, ctx) => listOverrideOptions(db, input.accountNumber, ctx.now),
    overridesSubmit: (input, ctx) => submitOverride(db, actorOf(ctx.actor), ctx.now, input),
    overridesMine: (_input, ctx) => ok(listMyOverrides(db, actorOf(ctx.actor), ctx.now)),
    overridesWithdraw: (input, ctx) => withdrawOverride(db, actorOf(ctx.actor), ctx.now, input),
    overridesQueue: (input, ctx) => ok(listOverrideQueueItems(db, ctx.now, input)),
    overridesDecide: (input, ctx) => decideOverrideRequest(db, actorOf(ctx.actor), ctx.now, input),
    overridesSettingsGet: () => ok(getOverrideSettings(db)),
    overridesSettingsSet: (input, ctx) => ok(setOverrideSettings(db, actorOf(ctx.actor), ctx.now, input)),
  };
}
