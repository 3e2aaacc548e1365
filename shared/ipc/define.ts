import { z } from 'zod';
import type { Role } from '../domain/operator';
import { findMalformedString } from '../domain/text';

/** Who may call a channel: anyone (even signed out), or the listed roles. */
export type Access = 'public' | readonly Role[];

export interface ChannelSpec<I extends z.ZodType, O extends z.ZodType> {
  readonly input: I;
  readonly output: O;
  readonly access: Access;
  /**
   * Whether a call the dispatcher turns away before any handler runs (invalid input, wrong
   * role, no session) is written to the audit log. Declared on every channel so that a new
   * channel has to say whether its refusals matter to the audit.
   */
  readonly auditRefusals: boolean;
}

/** Every channel's input refuses strings with a lone surrogate, wherever they sit in it. */
export function defineChannel<I extends z.ZodType, O extends z.ZodType>(
  spec: ChannelSpec<I, O>,
): ChannelSpec<I, O> {
  const input = spec.input.superRefine((value, ctx) => {
    const path = findMalformedString(value);
    if (path) ctx.addIssue({ code: 'custom', message: 'not_well_formed_text', path });
  });
  return { ...spec, input };
}

/** Every signed-in role. */
export const staff = ['agent', 'supervisor', 'admin'] as const satisfies readonly Role[];
export const admins = ['admin'] as const satisfies readonly Role[];

/** The input of a channel that takes no arguments (strict: any field is refused). */
export const Empty = z.strictObject({});
