import type { ChannelName } from './channels';

/**
 * What each channel does while the app is in its integrity-alarm state (the audit log and its
 * anchor outside the database disagree): searching and reading go on (`runs`); override
 * decisions and admin writes are refused with INTEGRITY_ALARM (`refused`) until an admin's
 * audited acknowledgement clears it. A Record over every channel, so a new channel does not
 * compile until it says which it is.
 */
export const duringIntegrityAlarm = {
  authSignIn: 'runs',
  authSignOut: 'runs',
  authSession: 'runs',
  // The operator's own display preference, not an admin change; still audited.
  operatorSetLocale: 'runs',
  operatorsList: 'runs',
  // Admin changes to who may do what wait until the alarm is cleared.
  operatorsCreate: 'refused',
  operatorsSetRole: 'refused',
  operatorsSetDailyLimit: 'refused',
  // Taking access away only ever lets less happen.
  operatorsSetActive: 'runs',
  operatorsResetPassword: 'refused',
  // An operator's own credential, and the way out of a forced change.
  operatorChangeOwnPassword: 'runs',
  hubEnrol: 'refused',
  hubStatus: 'runs',
  hubIntegrationTokensList: 'runs',
  // A new way in for the phone system waits until the alarm is cleared; taking one away only ever lets less happen.
  hubIntegrationTokenCreate: 'refused',
  hubIntegrationTokenRevoke: 'runs',
  searchAccounts: 'runs',
  clipboardWriteText: 'runs',
  notifyDesktop: 'runs',
  searchEligibility: 'runs',
  accountsGet: 'runs',
  decisionsForAccount: 'runs',
  policyRunOutages: 'runs',
  policyRunStart: 'refused',
  // A preview writes nothing.
  policyRunPreview: 'runs',
  policyRunStatus: 'runs',
  // Stopping a run only ever writes less.
  policyRunCancel: 'runs',
  overridesOptions: 'runs',
  // A request only asks; nothing is credited until a decision, which is refused.
  overridesSubmit: 'runs',
  overridesMine: 'runs',
  // A claim's credit follows at once, and a report can complete a claimed case: both may credit.
  faultReportsRecord: 'refused',
  claimsRegister: 'refused',
  faultReportsList: 'runs',
  overridesWithdraw: 'runs',
  overridesQueue: 'runs',
  overridesDecide: 'refused',
  overridesSettingsGet: 'runs',
  overridesSettingsSet: 'refused',
  overridesPatternsGet: 'runs',
  // Flags only inform a supervisor, but they are an admin's setting: it waits like the limits.
  overridesPatternsSet: 'refused',
  auditList: 'runs',
  auditVerify: 'runs',
  auditIntegrity: 'runs',
  // The only way out of the alarm.
  auditIntegrityAcknowledge: 'runs',
  feedScan: 'runs',
  feedImportStart: 'refused',
  feedImportStatus: 'runs',
  feedImportCancel: 'runs',
  // Only shows a file main wrote; changes nothing.
  feedImportOpenReport: 'runs',
  // Writes the hub's rejected rows to a file the admin chose; changes no data.
  feedImportSaveReport: 'runs',
  exportCreateBatch: 'refused',
  exportListBatches: 'runs',
  exportWriteBatch: 'refused',
  recoveryStatus: 'runs',
  recoveryRestoreLatest: 'runs',
  screenPopNext: 'runs',
  changesNext: 'runs',
  dashboardSummary: 'runs',
  // A file of figures already shown, outside the database.
  dashboardSaveCsv: 'runs',
} as const satisfies Record<ChannelName, 'runs' | 'refused'>;

export function refusedDuringIntegrityAlarm(channel: ChannelName): boolean {
  return duringIntegrityAlarm[channel] === 'refused';
}
