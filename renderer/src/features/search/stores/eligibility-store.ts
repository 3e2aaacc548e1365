import { create } from 'zustand';
import type { ActiveOutage, EligibilityChip } from '@shared/ipc/search-channels';
import { searchEligibility } from '../api/search-api';

interface EligibilityState {
  /** The outage the chips answer for; undefined until first asked, null when there is none. */
  activeOutage: ActiveOutage | null | undefined;
  /** Chips by account number, for the list last asked about. */
  chips: ReadonlyMap<string, EligibilityChip>;
  /** Asks for the chips of these results (the list on screen); an empty list asks for the banner only. */
  load: (accountNumbers: readonly string[]) => Promise<void>;
  reset: () => void;
}

/** Only the newest request may write its answer: a slower answer for an older list is dropped. */
let latestRequest = 0;

/**
 * The search screen's chips and active-outage banner. They come from their own call, made
 * after the results are on screen, so the search stays as fast as its query; a failure
 * leaves the results without chips (the account screen still answers).
 */
export const useEligibilityStore = create<EligibilityState>()((set) => ({
  activeOutage: undefined,
  chips: new Map(),
  load: async (accountNumbers) => {
    const request = ++latestRequest;
    const result = await searchEligibility(accountNumbers);
    if (request !== latestRequest) return;
    if (!result.ok) {
      set({ chips: new Map() });
      return;
    }
    set({
      activeOutage: result.value.activeOutage,
      chips: new Map(result.value.chips.map((chip) => [chip.accountNumber, chip])),
    });
  },
  reset: () => {
    latestRequest += 1;
    set({ activeOutage: undefined, chips: new Map() });
  },
}));
