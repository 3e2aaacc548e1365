import type { HubScreenPop } from '@shared/hub/screen-pop';
import { parseScreenPopLink, type ScreenPopLookup } from '@shared/screen-pop/screen-pop-link';
import type { ScreenPopEvent } from '@shared/ipc/screen-pop-channels';

/** Links kept while nobody takes them; older ones go first (a caller who hung up). */
const MAX_WAITING = 10;

export interface ScreenPopInbox {
  /** A link from the operating system (protocol handler, second launch, command line). */
  offer(link: string): void;
  /** A lookup the hub pushed (the phone system called the hub), already checked there and on arrival. */
  offerLookup(lookup: ScreenPopLookup): void;
  /** The next link's answer, waiting up to `timeoutMs` for one; null when none came. */
  next(timeoutMs: number): Promise<ScreenPopEvent | null>;
  /** Answers every waiting `next` with null (the app is closing). */
  close(): void;
}

export function createScreenPopInbox(): ScreenPopInbox {
  const waiting: ScreenPopEvent[] = [];
  const takers: Array<(event: ScreenPopEvent | null) => void> = [];
  const deliver = (event: ScreenPopEvent) => {
    // The newest wait first: an older one may be left from a renderer loop that stopped (a
    // sign-out while it waited), whose answer nobody would read.
    const taker = takers.pop();
    if (taker) return taker(event);
    waiting.push(event);
    if (waiting.length > MAX_WAITING) waiting.shift();
  };
  return {
    offer(link) {
      const parsed = parseScreenPopLink(link);
      deliver(parsed.ok ? { ok: true, lookup: parsed.lookup } : { ok: false, reason: parsed.reason });
    },
    offerLookup(lookup) {
      deliver({ ok: true, lookup });
    },
    next(timeoutMs) {
      const ready = waiting.shift();
      if (ready) return Promise.resolve(ready);
      return new Promise((resolve) => {
        const taker = (event: ScreenPopEvent | null) => {
          clearTimeout(timer);
          resolve(event);
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
      for (const taker of takers.splice(0)) taker(null);
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
