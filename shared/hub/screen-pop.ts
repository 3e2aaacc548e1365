import { z } from 'zod';
import { AccountNumber } from '../domain/account';
import { UtcInstant } from '../domain/outage';
import { normalizePhone } from '../domain/phone';
import { CALL_ID } from '../screen-pop/screen-pop-link';

/**
 * The phone system's screen-pop through the hub: the contact-center platform posts here when a
 * call reaches an agent, with an integration token (not a session), and the hub pushes it to
 * that agent's connected desktops on the change stream as a `screen-pop` event. Only a lookup
 * ever happens: nothing is written.
 */
export const SCREEN_POP_PATH = '/v1/screen-pop';
/** The Server-Sent Events event name on CHANGE_STREAM_PATH. */
export const SCREEN_POP_EVENT = 'screen-pop';
/** A screen-pop body is a few fields: anything larger is refused (PAYLOAD_TOO_LARGE) before it is parsed. */
export const SCREEN_POP_BODY_LIMIT_BYTES = 2 * 1024;
/** Per integration token, per hub process: a call centre pops far fewer than this. */
export const SCREEN_POP_RATE = { limit: 600, windowMs: 60_000 } as const;

/** `ocdi_` and 43 base64url characters: shown once, when an admin creates it. */
export const IntegrationToken = z.string().regex(/^ocdi_[A-Za-z0-9_-]{43}$/);

export const CallerNumber = z
  .string()
  .regex(/^[0-9+()\s.\-/]{3,32}$/)
  .transform((value, context) => {
    const e164 = normalizePhone(value);
    if (!e164) {
      context.addIssue({ code: 'custom', message: 'not a phone number' });
      return z.NEVER;
    }
    return e164;
  });

export const ScreenPopRequest = z.strictObject({
  /** The agent's username at the hub, as the phone system knows them. */
  agent: z.string().min(1).max(64),
  /** The caller's number, in any common notation; normalised to E.164. */
  callerNumber: CallerNumber,
  /** When the phone system already knows the account (an IVR prompt): opened directly. */
  accountNumber: AccountNumber.optional(),
  /** The call's id: it fills the override form's interaction reference. */
  callId: z.string().regex(CALL_ID).optional(),
});
export type ScreenPopRequest = z.input<typeof ScreenPopRequest>;

/** 200: how many of the agent's desktops (change streams, over every hub process) took it; at least one. */
export const ScreenPopResponse = z.object({ delivered: z.int().min(1) });
export type ScreenPopResponse = z.infer<typeof ScreenPopResponse>;

/** The `screen-pop` event's data, as a desktop receives it. */
export const HubScreenPop = z.object({
  callerNumber: z.string(),
  accountNumber: AccountNumber.nullable(),
  callId: z.string().regex(CALL_ID).nullable(),
});
export type HubScreenPop = z.infer<typeof HubScreenPop>;

export const IntegrationLabel = z.string().trim().min(1).max(80);

export const IntegrationTokenView = z.object({
  id: z.int().positive(),
  label: z.string(),
  createdBy: z.string(),
  createdAt: UtcInstant,
  lastUsedAt: UtcInstant.nullable(),
  revokedAt: UtcInstant.nullable(),
});
export type IntegrationTokenView = z.infer<typeof IntegrationTokenView>;

export const CreateIntegrationTokenRequest = z.strictObject({ label: IntegrationLabel });
export type CreateIntegrationTokenRequest = z.infer<typeof CreateIntegrationTokenRequest>;

/** The token is in this answer and nowhere else, ever: the hub stores only its hash. */
export const CreateIntegrationTokenResponse = z.object({ token: IntegrationToken, integration: IntegrationTokenView });
export type CreateIntegrationTokenResponse = z.infer<typeof CreateIntegrationTokenResponse>;

export const RevokeIntegrationTokenRequest = z.strictObject({ id: z.int().positive() });
export type RevokeIntegrationTokenRequest = z.infer<typeof RevokeIntegrationTokenRequest>;
