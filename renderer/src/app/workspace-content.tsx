import { useAccountStore } from '../features/account/stores/account-store';
import { ApprovalQueue } from '../features/approvals/components/approval-queue';
import { DashboardScreen } from '../features/dashboard/components/dashboard-screen';
import { AuditScreen } from '../features/audit/components/audit-screen';
import { FaultRegisterScreen } from '../features/evidence/components/fault-register-screen';
import { ExportScreen } from '../features/export/components/export-screen';
import { HubScreen } from '../features/hub/components/hub-screen';
import { useLiveStore } from '../features/live/stores/live-store';
import { ImportScreen } from '../features/import/components/import-screen';
import { MyOverrides } from '../features/overrides/components/my-overrides';
import { OperatorsScreen } from '../features/operators/components/operators-screen';
import { OverrideLimitsScreen } from '../features/overrides/components/override-limits-screen';
import { PolicyRunScreen } from '../features/policy-run/components/policy-run-screen';
import { useDisplayLocale, useDisplayTimeZone, useSessionStore } from '../stores/session-store';
import { workspacesFor, type Workspace } from './workspace-access';
import { useWorkspaceStore } from './workspace-store';

/** From a request in the queue to its account in the lookup. */
function openAccountFromQueue(accountNumber: string): void {
  useWorkspaceStore.getState().show('lookup');
  useAccountStore.getState().open(accountNumber);
}

/** The override work lists; the lookup screens are composed in App. */
export function WorkspaceContent({ workspace }: { workspace: Exclude<Workspace, 'lookup'> }) {
  const role = useSessionStore((s) => s.session?.role ?? null);
  const locale = useDisplayLocale();
  const timeZone = useDisplayTimeZone();
  const hub = useLiveStore((s) => s.hub);
  if (!role || !workspacesFor(role).includes(workspace)) return null;
  if (workspace === 'dashboard') return <DashboardScreen locale={locale} timeZone={timeZone} />;
  if (workspace === 'myOverrides') return <MyOverrides />;
  if (workspace === 'approvals') return <ApprovalQueue onOpenAccount={openAccountFromQueue} />;
  if (workspace === 'faultReports') return <FaultRegisterScreen />;
  if (workspace === 'import') return <ImportScreen />;
  if (workspace === 'export') return <ExportScreen />;
  if (workspace === 'overrideLimits') return <OverrideLimitsScreen />;
  if (workspace === 'operators') return <OperatorsScreen siteWide={hub === 'online' || hub === 'offline'} />;
  if (workspace === 'policyRun') return <PolicyRunScreen locale={locale} timeZone={timeZone} />;
  if (workspace === 'hub') return <HubScreen />;
  return <AuditScreen />;
}
