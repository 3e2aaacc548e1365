import { create } from 'zustand';
import type { ActiveOutage, EligibilityChip } from '@shared/ipc/search-channels';
import { searchEligibility } from '../api/search-api';

interface EligibilityState {
  /** The outage the chips answer for; undefined until first asked, null when there is none. */
  activeOutage: ActiveOutage | null | undefined;
  /** Chips by account number, for the list last asked about. */
  chips: ReadonlyMap<string, EligibilityChip>;
  /**
   * Asks for the chips of these results (the list on screen), CHIPS_PER_CALL accounts a call,
   * in list order, each call after the previous one answered; an empty list asks for the banner only.
   */
  load: (accountNumbers: readonly string[]) => Promise<void>;
  /** Asks for no further chips of the list being loaded (it left the screen); chips known stay. */
  cancel: () => void;
  reset: () => void;
}

/**
 * Accounts per chip call: the first screen of results (FIRST_SCREEN_ROWS). Main answers one
 * call at a time and a chip costs it a full decision of the account (about a quarter of a
 * millisecond), so a search typed while the chips load waits behind one small call, not
 * behind the whole page's.
 */
export const CHIPS_PER_CALL = 16;

/** Only the newest request may write its answer: a slower answer for an older list is dropped. */
let latestRequest = 0;

/**
 * The search screen's chips and active-outage banner. They come from their own call, made
 * after the results are on screen, so the search stays as fast as its query; a failure
 * leaves the results without chips (the account screen still answers).
 */
export const useEligibilityStore = create<EligibilityState>()((set, get) => ({
  activeOutage: undefined,
  chips: new Map(),
  load: async (accountNumbers) => {
    const request = ++latestRequest;
    const wanted = new Set(accountNumbers);
    // Chips already known for accounts of this list stay on screen until their call answers.
    const chips = new Map([...get().chips].filter(([accountNumber]) => wanted.has(accountNumber)));
    const calls: string[][] = [];
    for (let at = 0; at < accountNumbers.length; at += CHIPS_PER_CALL) calls.push(accountNumbers.slice(at, at + CHIPS_PER_CALL));
    if (calls.length === 0) calls.push([]);
    for (const part of calls) {
      const result = await searchEligibility(part);
      if (request !== latestRequest) return;
      if (!result.ok) {
        set({ chips: new Map() });
        return;
      }
      // An account of this call without a chip has none now (main found no such account).
      for (const accountNumber of part) chips.delete(accountNumber);
      for (const chip of result.value.chips) chips.set(chip.accountNumber, chip);
      set({ activeOutage: result.value.activeOutage, chips: new Map(chips) });
    }
  },
  cancel: () => {
    latestRequest += 1;
  },
  reset: () => {
    latestRequest += 1;
    set({ activeOutage: undefined, chips: new Map() });
  },
}));
