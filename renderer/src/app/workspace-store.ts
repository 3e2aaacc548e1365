import { create } from 'zustand';
import type { Workspace } from './workspace-access';

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
