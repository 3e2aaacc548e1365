import { roles, type Role } from '../domain/operator';
import { channels, type ChannelName } from './channels';

/** The roles that may call a channel, read from its spec; a public channel admits every role. */
export function rolesFor(channel: ChannelName): readonly Role[] {
  const { access } = channels[channel];
  return access === 'public' ? roles : access;
}

/** Whether a signed-in role may call a channel, by the same access rule main's dispatcher applies. */
export function mayCall(role: Role, channel: ChannelName): boolean {
  return rolesFor(channel).includes(role);
}
