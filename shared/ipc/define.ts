import type { z } from 'zod';
import type { Role } from '../domain/operator';

/** Who may call a channel: anyone (even signed out), or the listed roles. */
export type Access = 'public' | readonly Role[];

export interface ChannelSpec<I extends z.ZodType, O extends z.ZodType> {
  readonly input: I;
  readonly output: O;
  readonly access: Access;
}

export function defineChannel<I extends z.ZodType, O extends z.ZodType>(
  spec: ChannelSpec<I, O>,
): ChannelSpec<I, O> {
  return spec;
}
