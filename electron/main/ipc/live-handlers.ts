import { ok } from '@shared/ipc/result';
import type { HubLink } from '@shared/ipc/live-channels';
import type { DataVersion } from '../live/data-version';
import type { ChannelName } from '@shared/ipc/channels';
import type { Handlers } from './handlers';

/** How long one changesNext call waits for the data to move before it answers and the renderer asks again. */
export const CHANGES_WAIT_MS = 25_000;

export function createLiveHandlers(version: DataVersion, hubLink: () => HubLink, waitMs = CHANGES_WAIT_MS): Pick<Handlers, 'changesNext'> {
  return {
    async changesNext({ afterVersion }) {
      const current = afterVersion === null ? version.current() : await version.next(afterVersion, waitMs);
      return ok({ version: current, hub: hubLink() });
    },
  };
}

/** The channels whose success means the cache changed: each bumps the version the renderer waits on. */
export const WRITING_CHANNELS = [
  'overridesSubmit',
  'overridesWithdraw',
  'overridesDecide',
  'overridesSettingsSet',
  // The queue's flags follow the thresholds.
  'overridesPatternsSet',
  'exportCreateBatch',
  'faultReportsRecord',
  'claimsRegister',
  // Joining a hub archives the standalone requests out of the cache, and the hub link changes.
  'hubEnrol',
] as const satisfies readonly ChannelName[];

type Writing = (typeof WRITING_CHANNELS)[number];

/** Wraps each writing handler so that a success bumps the data version once its transaction committed. */
export function bumpAfterWrites(handlers: Handlers, version: DataVersion): Handlers {
  const wrapped: Partial<Record<Writing, unknown>> = {};
  for (const name of WRITING_CHANNELS) {
    const inner = handlers[name] as (input: never, ctx: never) => ReturnType<Handlers[Writing]>;
    wrapped[name] = async (input: never, ctx: never) => {
      const result = await inner(input, ctx);
      if (result.ok) version.bump();
      return result;
    };
  }
  return { ...handlers, ...(wrapped as Pick<Handlers, Writing>) };
}
