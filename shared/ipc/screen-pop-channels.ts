import { z } from 'zod';
import { screenPopRefusals } from '../screen-pop/screen-pop-link';
import { defineChannel, Empty } from './define';

export const ScreenPopEvent = z.union([
  z.object({
    ok: z.literal(true),
    lookup: z.union([
      z.object({ by: z.literal('phone'), phone: z.string(), callId: z.string().nullable() }),
      z.object({ by: z.literal('account'), accountNumber: z.string(), callId: z.string().nullable() }),
    ]),
  }),
  z.object({ ok: z.literal(false), reason: z.enum(screenPopRefusals) }),
]);
export type ScreenPopEvent = z.infer<typeof ScreenPopEvent>;

export const screenPopChannels = {
  /**
   * Waits (up to about 25 seconds) for the next link the phone system opened, and answers it,
   * or null. Public on purpose: waiting is not activity, so it must not keep a session from
   * its idle lock; while nobody is signed in it answers null and keeps the link for later.
   */
  screenPopNext: defineChannel({ input: Empty, output: z.object({ event: ScreenPopEvent.nullable() }), access: 'public', auditRefusals: false }),
} as const;
