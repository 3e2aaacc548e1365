import { z } from 'zod';
import { defineChannel } from './define';

/** standalone: no hub; online: signed in at the hub and it answers; offline: working from this desktop's copy. */
export const HubLink = z.enum(['standalone', 'online', 'offline']);
export type HubLink = z.infer<typeof HubLink>;

export const LiveChange = z.object({
  /** Main's data version: it moves whenever the cache changed (a pull, a push answer, a local write) or the hub link did. */
  version: z.int().min(0),
  hub: HubLink,
});
export type LiveChange = z.infer<typeof LiveChange>;

export const liveChannels = {
  /**
   * Waits (up to about 25 seconds) until main's data version passes `afterVersion`, then
   * answers the version and the hub link; `afterVersion: null` answers at once (the start).
   * Public on purpose, like screenPopNext: waiting is not activity and must not keep a
   * session from its idle lock; signed out it waits and answers the version unchanged.
   */
  changesNext: defineChannel({
    input: z.strictObject({ afterVersion: z.int().min(0).nullable() }),
    output: LiveChange,
    access: 'public',
    auditRefusals: false,
  }),
} as const;
