import { z } from 'zod';
import { defineChannel } from './define';

/** How often main shows a desktop notification at most; more within the gap are folded away. */
export const NOTIFY_GAP_MS = 10_000;

export const notificationChannels = {
  /**
   * Shows a desktop notification (the renderer asks, main shows it): for a supervisor, that a
   * new request waits while the window is not in front. The texts come from the renderer's
   * catalog in the operator's language; main bounds their length and how often it shows one.
   */
  notifyDesktop: defineChannel({
    input: z.strictObject({ title: z.string().min(1).max(120), body: z.string().min(1).max(300) }),
    output: z.object({ shown: z.boolean() }),
    access: ['supervisor'],
    auditRefusals: false,
  }),
} as const;
