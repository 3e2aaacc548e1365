// Free of zod and of channels.ts on purpose: the sandboxed preload bundles this file alone.

/** Every channel name, kept equal to `keyof Channels` by a compile-time check in channels.ts. */
export const channelNameList = [
  'authSignIn',
  'authSignOut',
  'authSession',
  'operatorSetLocale',
  'operatorsList',
  'operatorsCreate',
  'operatorsSetRole',
  'operatorsSetDailyLimit',
  'operatorsSetActive',
  'operatorsResetPassword',
  'operatorChangeOwnPassword',
  'hubEnrol',
  'hubStatus',
  'searchAccounts',
  'searchEligibility',
  'accountsGet',
  'decisionsForAccount',
  'policyRunOutages',
  'policyRunStart',
  'policyRunPreview',
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
  'overridesPatternsGet',
  'overridesPatternsSet',
  'faultReportsRecord',
  'claimsRegister',
  'faultReportsList',
  'auditList',
  'auditVerify',
  'auditIntegrity',
  'auditIntegrityAcknowledge',
  'feedScan',
  'feedImportStart',
  'feedImportStatus',
  'feedImportCancel',
  'feedImportOpenReport',
  'exportCreateBatch',
  'exportListBatches',
  'exportWriteBatch',
  'recoveryStatus',
  'recoveryRestoreLatest',
  'screenPopNext',
  'clipboardWriteText',
  'notifyDesktop',
  'changesNext',
  'dashboardSummary',
] as const;

export type ListedChannelName = (typeof channelNameList)[number];

const WIRE_PREFIX = 'ocd:';

export function wireChannel(name: ListedChannelName): string {
  return WIRE_PREFIX + name;
}
