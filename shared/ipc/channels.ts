import { z } from 'zod';
import { AccountDetail, AccountNumber, AccountSummary } from '../domain/account';
import { Role } from '../domain/operator';
import { OutageId } from '../domain/outage';
import { AccountDecisions, PolicyRunOutage, PolicyRunStatus } from './decision-contract';
import { exportChannels, feedChannels } from '../feeds/feed-channels';
import { defineChannel } from './define';
import { overrideChannels } from './override-contract';
import { recoveryChannels } from './recovery-channels';

const Empty = z.strictObject({});

export const SessionInfo = z.object({
  operatorId: z.int().positive(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  locale: z.string(),
  timeZone: z.string(),
  /** ISO-8601 UTC instant at which the session locks if nothing happens. */
  idleLockAt: z.string(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

/** Longest search text main accepts; the search box stops typing at the same length. */
export const SEARCH_MAX_LENGTH = 200;
export const searchModes = ['account_number', 'phone', 'email', 'postal_code', 'name'] as const;
export const SearchMode = z.enum(searchModes);
export type SearchMode = z.infer<typeof SearchMode>;

export const SearchResponse = z.object({
  /** The modes the query was understood as, in the order they were tried. */
  modes: z.array(SearchMode),
  results: z.array(AccountSummary.extend({ matchedBy: SearchMode })),
  /** True when more rows matched than were returned. */
  truncated: z.boolean(),
});
export type SearchResponse = z.infer<typeof SearchResponse>;

const staff = ['agent', 'supervisor', 'admin'] as const;
const admins = ['admin'] as const;
const RunId = z.string().min(1).max(64);

/**
 * Every IPC channel, declared once. The key is also the preload function name
 * (`window.desk.searchAccounts(...)`); the wire channel is `ocd:<key>`.
 * Input schemas are strict: unknown fields are refused, never ignored.
 */
export const channels = {
  authSignIn: defineChannel({
    input: z.strictObject({
      username: z.string().min(1).max(64),
      password: z.string().min(1).max(256),
    }),
    output: SessionInfo,
    access: 'public',
  }),
  authSignOut: defineChannel({ input: Empty, output: Empty, access: 'public' }),
  authSession: defineChannel({ input: Empty, output: SessionInfo.nullable(), access: 'public' }),
  searchAccounts: defineChannel({
    input: z.strictObject({ query: z.string().max(SEARCH_MAX_LENGTH), limit: z.int().min(1).max(100).optional() }),
    output: SearchResponse,
    access: staff,
  }),
  accountsGet: defineChannel({
    input: z.strictObject({ accountNumber: AccountNumber }),
    output: AccountDetail,
    access: staff,
  }),
  decisionsForAccount: defineChannel({
    input: z.strictObject({ accountNumber: AccountNumber }),
    output: AccountDecisions,
    access: staff,
  }),
  policyRunOutages: defineChannel({ input: Empty, output: z.array(PolicyRunOutage), access: admins }),
  policyRunStart: defineChannel({ input: z.strictObject({ outageId: OutageId }), output: PolicyRunStatus, access: admins }),
  policyRunStatus: defineChannel({ input: z.strictObject({ runId: RunId }), output: PolicyRunStatus, access: admins }),
  policyRunCancel: defineChannel({ input: z.strictObject({ runId: RunId }), output: PolicyRunStatus, access: admins }),
  ...overrideChannels,
  ...feedChannels,
  ...exportChannels,
  ...recoveryChannels,
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<C extends ChannelName> = z.infer<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.infer<Channels[C]['output']>;

export const channelNames = Object.keys(channels) as ChannelName[];

// Defined beside the zod-free channel list so that the preload can use them too.
export { WIRE_PREFIX, wireChannel } from './channel-names';
