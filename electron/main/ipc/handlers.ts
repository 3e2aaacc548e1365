import type { ChannelInput, ChannelName, ChannelOutput } from '@shared/ipc/channels';
import type { Result } from '@shared/ipc/result';
import type { Actor } from '@shared/domain/operator';

export interface HandlerContext {
  /** Null only on 'public' channels when nobody is signed in. */
  readonly actor: Actor | null;
  /** Main's clock, read once per call. */
  readonly now: Date;
}

export type Handler<C extends ChannelName> = (
  input: ChannelInput<C>,
  ctx: HandlerContext,
) => Result<ChannelOutput<C>> | Promise<Result<ChannelOutput<C>>>;

/** One handler per channel; a missing one is a compile error. */
export type Handlers = { readonly [C in ChannelName]: Handler<C> };
