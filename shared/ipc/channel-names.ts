// Runtime-free of zod on purpose: the sandboxed preload bundles this file, not channels.ts.
import type { ChannelName } from './channels';

/** Every channel name, kept equal to `keyof Channels` by the compile-time check below. */
export const channelNameList = [
  'authSignIn',
  'authSignOut',
  'authSession',
  'searchAccounts',
  'accountsGet',
  'decisionsForAccount',
  'policyRunOutages',
  'policyRunStart',
  'policyRunStatus',
  'policyRunCancel',
  'overridesOptions',
  'overridesSubmit',
  'overridesMine',
  'overridesWithdraw',
  'overridesQueue',
  'overridesDecide',
  'overridesSettingsGet',
  'overridesSettingsSet',
  'auditList',
  'auditVerify',
  'feedScan',
  'feedImportStart',
  'feedImportStatus',
  'feedImportCancel',
  'exportCreateBatch',
  'exportListBatches',
  'exportWriteBatch',
  'recoveryStatus',
  'recoveryRestoreLatest',
] as const;

type Listed = (typeof channelNameList)[number];
type Exact<A, B> = [Exclude<A, B>, Exclude<B, A>] extends [never, never] ? true : false;
// Fails to compile when a channel is added to or removed from channels.ts without this list.
const listMatchesChannels: Exact<Listed, ChannelName> = true;
void listMatchesChannels;

export const WIRE_PREFIX = 'ocd:';

export function wireChannel(name: ChannelName): string {
  return WIRE_PREFIX + name;
}
