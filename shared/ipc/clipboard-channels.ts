import { z } from 'zod';
import { defineChannel, staff } from './define';

/** Longest text the app copies for the operator (an email to a customer is well under it). */
export const CLIPBOARD_TEXT_MAX = 5_000;

export const clipboardChannels = {
  /**
   * Puts text on the system clipboard for the operator to paste elsewhere (a notice into the
   * SMS or email tool). Through main, because the window denies every web permission,
   * clipboard access included; write only, never read.
   */
  clipboardWriteText: defineChannel({
    input: z.strictObject({ text: z.string().min(1).max(CLIPBOARD_TEXT_MAX) }),
    output: z.object({}),
    access: staff,
    auditRefusals: false,
  }),
} as const;
