import { create } from 'zustand';
import { sameInEveryCurrency, type LimitByCurrency } from '@shared/domain/override';
import type { OperatorView } from '@shared/ipc/operator-channels';
import type { IpcError, Result } from '@shared/ipc/result';
import type { AsyncStatus } from '../../../components/async-state';
import * as api from '../api/operators-api';

export type OperatorsStatus = AsyncStatus;

interface OperatorsState {
  status: OperatorsStatus;
  operators: OperatorView[];
  /** The site's daily total per agent in each currency, where an operator has no own limit. */
  siteDailyTotalMinor: LimitByCurrency;
  loadError: IpcError | null;
  /** The operator whose panel is open. */
  selectedId: number | null;
  busy: boolean;
  load: () => Promise<void>;
  select: (operatorId: number | null) => void;
  create: (input: api.NewOperator) => Promise<Result<OperatorView>>;
  setRole: (targetId: number, assignRole: OperatorView['role']) => Promise<Result<OperatorView>>;
  setDailyLimit: (input: api.DailyLimitChange) => Promise<Result<OperatorView>>;
  setActive: (targetId: number, active: boolean) => Promise<Result<OperatorView>>;
  resetPassword: (targetId: number, temporaryPassword: string) => Promise<Result<OperatorView>>;
  reset: () => void;
}

const initial = { status: 'idle' as OperatorsStatus, operators: [], siteDailyTotalMinor: sameInEveryCurrency(0), loadError: null, selectedId: null, busy: false };

/** Bumped by reset, so a reply for a screen that was left never writes. */
let generation = 0;

export const useOperatorsStore = create<OperatorsState>()((set, get) => {
  /** Runs one change; main answers the operator as it now is, which replaces (or joins) the list. */
  async function change(call: () => Promise<Result<OperatorView>>): Promise<Result<OperatorView>> {
    const mine = generation;
    set({ busy: true });
    const result = await call();
    if (mine !== generation) return result;
    if (result.ok) {
      const others = get().operators.filter((o) => o.operatorId !== result.value.operatorId);
      const known = others.length !== get().operators.length;
      set({
        busy: false,
        operators: known ? get().operators.map((o) => (o.operatorId === result.value.operatorId ? result.value : o)) : [...others, result.value],
      });
    } else {
      set({ busy: false });
    }
    return result;
  }

  return {
    ...initial,
    load: async () => {
      const mine = generation;
      set({ status: 'loading', loadError: null });
      const result = await api.fetchOperators();
      if (mine !== generation) return;
      if (result.ok) set({ status: 'loaded', operators: result.value.operators, siteDailyTotalMinor: result.value.siteDailyTotalMinor });
      else set({ status: 'error', loadError: result.error });
    },
    select: (selectedId) => set({ selectedId }),
    create: (input) => change(() => api.createOperator(input)),
    setRole: (targetId, assignRole) => change(() => api.changeRole({ targetId, assignRole })),
    setDailyLimit: (input) => change(() => api.changeDailyLimit(input)),
    setActive: (targetId, active) => change(() => api.changeActive({ targetId, active })),
    resetPassword: (targetId, temporaryPassword) => change(() => api.resetPassword({ targetId, temporaryPassword })),
    reset: () => {
      generation += 1;
      set(initial);
    },
  };
});
