import type { z } from 'zod';
import { accountChannels } from './account-channels';
import { auditChannels } from './audit-channels';
import { authChannels } from './auth-channels';
import { clipboardChannels } from './clipboard-channels';
import { notificationChannels } from './notification-channels';
import { channelNameList } from './channel-names';
import { dashboardChannels } from './dashboard-channels';
import { decisionChannels } from './decision-channels';
import { evidenceChannels } from './evidence-channels';
import { exportChannels } from './export-channels';
import { feedChannels } from './feed-channels';
import { hubChannels } from './hub-channels';
import { liveChannels } from './live-channels';
import { operatorChannels } from './operator-channels';
import { overrideChannels } from './override-channels';
import { policyRunChannels } from './policy-run-channels';
import { recoveryChannels } from './recovery-channels';
import { screenPopChannels } from './screen-pop-channels';
import { searchChannels } from './search-channels';

/**
 * Every IPC channel, merged from one `<feature>-channels.ts` per feature. The key is also the
 * preload function name (`window.desk.searchAccounts(...)`); the wire channel is `ocd:<key>`.
 * Input schemas are strict: unknown fields are refused, never ignored.
 */
export const channels = {
  ...authChannels,
  ...operatorChannels,
  ...searchChannels,
  ...accountChannels,
  ...decisionChannels,
  ...policyRunChannels,
  ...overrideChannels,
  ...evidenceChannels,
  ...auditChannels,
  ...feedChannels,
  ...exportChannels,
  ...recoveryChannels,
  ...hubChannels,
  ...screenPopChannels,
  ...liveChannels,
  ...clipboardChannels,
  ...notificationChannels,
  ...dashboardChannels,
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<C extends ChannelName> = z.infer<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.infer<Channels[C]['output']>;

export const channelNames = Object.keys(channels) as ChannelName[];

type Listed = (typeof channelNameList)[number];
type Exact<A, B> = [Exclude<A, B>, Exclude<B, A>] extends [never, never] ? true : false;
// Fails to compile when a channel is added here without the zod-free list the preload uses, or the other way round.
const listMatchesChannels: Exact<Listed, ChannelName> = true;
void listMatchesChannels;
