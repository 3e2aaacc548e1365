import type { ChannelName } from './channels';

/**
 * What an operator signed in with a temporary password may call besides the public channels
 * (sign-out, session): choosing their own password. Everything else answers
 * PASSWORD_CHANGE_REQUIRED until they have.
 */
const beforePasswordChange: readonly ChannelName[] = ['operatorChangeOwnPassword'];

export function allowedBeforePasswordChange(channel: ChannelName): boolean {
  return beforePasswordChange.includes(channel);
}
