import type { ChannelInput, ChannelName, ChannelOutput } from './channels';
import type { Result } from './result';

/** The object the preload exposes as `window.desk`: one function per channel. */
export type DeskApi = {
  readonly [C in ChannelName]: (input: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>;
};

export const DESK_GLOBAL = 'desk';
