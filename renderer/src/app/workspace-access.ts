import type { Role } from '@shared/domain/operator';
import { mayCall } from '@shared/ipc/channel-access';
import type { ChannelName } from '@shared/ipc/channels';

/**
 * The channels each screen of the shell calls. A role may open a screen when the contract lets
 * it call all of them, so the menus follow the channels' access rules instead of restating them.
 * The key order is the order of the menu.
 */
export const workspaceChannels = {
  lookup: ['searchAccounts', 'searchEligibility', 'accountsGet', 'decisionsForAccount', 'clipboardWriteText'],
  dashboard: ['dashboardSummary', 'dashboardSaveCsv'],
  myOverrides: ['overridesMine', 'overridesWithdraw'],
  approvals: ['overridesQueue', 'overridesDecide', 'notifyDesktop'],
  faultReports: ['faultReportsList'],
  audit: ['auditList', 'auditVerify'],
  import: ['feedScan', 'feedImportStart', 'feedImportStatus', 'feedImportCancel', 'feedImportOpenReport', 'feedImportSaveReport'],
  export: ['exportListBatches', 'exportCreateBatch', 'exportWriteBatch'],
  policyRun: ['policyRunOutages', 'policyRunPreview', 'policyRunStart', 'policyRunStatus', 'policyRunCancel'],
  overrideLimits: ['overridesSettingsGet', 'overridesSettingsSet', 'overridesPatternsGet', 'overridesPatternsSet'],
  operators: ['operatorsList', 'operatorsCreate', 'operatorsSetRole', 'operatorsSetDailyLimit', 'operatorsSetActive', 'operatorsResetPassword'],
  hub: ['hubStatus', 'hubEnrol', 'hubIntegrationTokensList', 'hubIntegrationTokenCreate', 'hubIntegrationTokenRevoke'],
} as const satisfies Record<string, readonly ChannelName[]>;

/** The screens of the shell: the caller lookup (search and account) and the work lists. */
export type Workspace = keyof typeof workspaceChannels;

/** The channels the override panel in an open account calls (the cap comes from the settings). */
export const overridePanelChannels = ['overridesOptions', 'overridesSubmit', 'overridesSettingsGet'] as const satisfies readonly ChannelName[];

/** The channels the evidence panel in an open account calls to record (reading comes with the decisions). */
export const evidencePanelChannels = ['faultReportsRecord', 'claimsRegister'] as const satisfies readonly ChannelName[];

export function canRecordEvidence(role: Role): boolean {
  return evidencePanelChannels.every((c) => mayCall(role, c));
}

/** The integrity-alarm banner every screen shows (its state), with the admin's acknowledgement. */
export const integrityBannerChannels = ['auditIntegrity', 'auditIntegrityAcknowledge'] as const satisfies readonly ChannelName[];

/** The header's language picker: the signed-in operator sets their own interface language. */
export const languagePickerChannels = ['operatorSetLocale'] as const satisfies readonly ChannelName[];

/** The header's password dialog: every signed-in operator changes their own password. */
export const ownPasswordChannels = ['operatorChangeOwnPassword'] as const satisfies readonly ChannelName[];

export function canChangeOwnPassword(role: Role): boolean {
  return ownPasswordChannels.every((c) => mayCall(role, c));
}

export function canChooseLanguage(role: Role): boolean {
  return languagePickerChannels.every((c) => mayCall(role, c));
}

export function canAcknowledgeIntegrity(role: Role): boolean {
  return mayCall(role, 'auditIntegrityAcknowledge');
}

export type AccessRule = (role: Role, channel: ChannelName) => boolean;

/** The workspaces the access rule opens to a role, in menu order. */
export function workspacesAllowedBy(role: Role, may: AccessRule): Workspace[] {
  return (Object.keys(workspaceChannels) as Workspace[]).filter((w) => workspaceChannels[w].every((c) => may(role, c)));
}

/** What each role may open; main enforces the same rule on every call. */
export function workspacesFor(role: Role): readonly Workspace[] {
  return workspacesAllowedBy(role, mayCall);
}

export function canFileOverrides(role: Role): boolean {
  return overridePanelChannels.every((c) => mayCall(role, c));
}

/** Supervisors and admins land on their dashboard after signing in; agents on the caller search. */
export function homeWorkspace(role: Role): Workspace {
  return workspacesFor(role).includes('dashboard') ? 'dashboard' : 'lookup';
}
