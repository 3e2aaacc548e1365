import { create } from 'zustand';
import type { Role } from '@shared/domain/operator';

/** The screens of the shell: the caller lookup (search and account) and the override work lists. */
export type Workspace = 'lookup' | 'myOverrides' | 'approvals' | 'audit' | 'import' | 'export' | 'policyRun' | 'overrideLimits';

interface WorkspaceState {
  workspace: Workspace;
  show: (workspace: Workspace) => void;
  reset: () => void;
}

export const useWorkspaceStore = create<WorkspaceState>()((set) => ({
  workspace: 'lookup',
  show: (workspace) => set({ workspace }),
  reset: () => set({ workspace: 'lookup' }),
}));

/** What each role may open; main enforces the same through the channels' roles. */
export function workspacesFor(role: Role): readonly Workspace[] {
  if (role === 'agent') return ['lookup', 'myOverrides'];
  if (role === 'supervisor') return ['lookup', 'myOverrides', 'approvals', 'audit'];
  return ['lookup', 'audit', 'import', 'export', 'policyRun', 'overrideLimits'];
}

export function canFileOverrides(role: Role): boolean {
  return role === 'agent' || role === 'supervisor';
}
