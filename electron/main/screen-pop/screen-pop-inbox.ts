import type { HubScreenPop } from '@shared/hub/screen-pop';
import { parseScreenPopLink, type ScreenPopLookup } from '@shared/screen-pop/screen-pop-link';
import type { ScreenPopEvent } from '@shared/ipc/screen-pop-channels';

/** Links kept while nobody takes them; older ones go first (a caller who hung up). */
const MAX_WAITING = 10;

export interface ScreenPopInbox {
  /** A link from the operating system (protocol handler, second launch, command line): for whoever is signed in. */
  offer(link: string): void;
  /**
   * A lookup the hub pushed for one operator (the phone system called the hub), already
   * checked there and on arrival: only a wait of that operator takes it.
   */
  offerLookup(lookup: ScreenPopLookup, forUsername: string): void;
  /**
   * The next answer for `username` (the signed-in operator), waiting up to `timeoutMs` for
   * one; null when none came. A waiting pop the hub pushed for someone else is dropped: that
   * operator's session ended, and their call with it.
   */
  next(timeoutMs: number, username?: string | null): Promise<ScreenPopEvent | null>;
  /** Answers every waiting `next` with null (the app is closing). */
  close(): void;
}

interface Entry {
  readonly event: ScreenPopEvent;
  /** Whose it is: null for a link from the operating system, which is for whoever is signed in. */
  readonly for: string | null;
}

interface Taker {
  readonly username: string | null;
  give(event: ScreenPopEvent | null): void;
}

export function createScreenPopInbox(): ScreenPopInbox {
  const waiting: Entry[] = [];
  const takers: Taker[] = [];
  const deliver = (entry: Entry) => {
    // The newest wait first: an older one may be left from a renderer loop that stopped (a
    // sign-out while it waited), whose answer nobody would read.
    for (let at = takers.length - 1; at >= 0; at--) {
      const taker = takers[at]!;
      if (entry.for !== null && taker.username !== entry.for) continue;
      takers.splice(at, 1);
      return taker.give(entry.event);
    }
    waiting.push(entry);
    if (waiting.length > MAX_WAITING) waiting.shift();
  };
  return {
    offer(link) {
      const parsed = parseScreenPopLink(link);
      deliver({ event: parsed.ok ? { ok: true, lookup: parsed.lookup } : { ok: false, reason: parsed.reason }, for: null });
    },
    offerLookup(lookup, forUsername) {
      deliver({ event: { ok: true, lookup }, for: forUsername });
    },
    next(timeoutMs, username = null) {
      while (waiting.length > 0) {
        const entry = waiting.shift()!;
        if (entry.for === null || entry.for === username) return Promise.resolve(entry.event);
      }
      return new Promise((resolve) => {
        const taker: Taker = {
          username,
          give(event) {
            clearTimeout(timer);
            resolve(event);
          },
        };
        const timer = setTimeout(() => {
          const at = takers.indexOf(taker);
          if (at >= 0) takers.splice(at, 1);
          resolve(null);
        }, timeoutMs);
        takers.push(taker);
      });
    },
    close() {
      for (const taker of takers.splice(0)) taker.give(null);
    },
  };
}

/** The screen-pop link among a launch's command-line arguments, if any. */
export function screenPopLinkIn(argv: readonly string[]): string | null {
  return argv.find((arg) => arg.toLowerCase().startsWith('outage-credit-desk:')) ?? null;
}

/** The hub's pushed pop as the lookup a link would ask for: the account when the phone system knew it, else the caller's number. */
export function lookupOfHubPop(pop: HubScreenPop): ScreenPopLookup {
  return pop.accountNumber
    ? { by: 'account', accountNumber: pop.accountNumber, callId: pop.callId }
    : { by: 'phone', phone: pop.callerNumber, callId: pop.callId };
}
