import { useAccountStore } from '../features/account/stores/account-store';
import { useApprovalQueueStore } from '../features/approvals/stores/approval-queue-store';
import { usePendingCountStore } from '../features/approvals/stores/pending-count-store';
import { useDashboardStore } from '../features/dashboard/stores/dashboard-store';
import { useDecisionsStore } from '../features/decisions/stores/decisions-store';
import { useMyOverridesStore } from '../features/overrides/stores/my-overrides-store';
import { useOverridePanelStore } from '../features/overrides/stores/override-panel-store';

/**
 * Main said its data moved: every view on screen fetches again, quietly (what is shown stays
 * until the new answer comes). Each store refreshes only what it has loaded, so a screen that
 * is not open costs nothing. Composed here so that no feature imports another.
 */
export function refreshOpenViews(): void {
  void useApprovalQueueStore.getState().refresh();
  // The queue's count in the menu follows every change, whichever screen is open.
  if (usePendingCountStore.getState().count !== null) void usePendingCountStore.getState().load();
  void useMyOverridesStore.getState().refresh();
  useAccountStore.getState().refresh();
  useDecisionsStore.getState().refresh();
  void useOverridePanelStore.getState().refresh();
  void useDashboardStore.getState().refresh();
}
