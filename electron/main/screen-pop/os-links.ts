import { SCREEN_POP_SCHEME } from '@shared/screen-pop/screen-pop-link';
import { claimSingleInstance, type FocusableWindow, type SingleInstanceApp } from '../window/single-instance';
import { screenPopLinkIn, type ScreenPopInbox } from './screen-pop-inbox';

/** The parts of Electron's app that bring the operating system's screen-pop links in. */
export interface ScreenPopLinkApp extends SingleInstanceApp {
  setAsDefaultProtocolClient(protocol: string): boolean;
  on(event: 'second-instance', listener: (...args: unknown[]) => void): unknown;
  on(event: 'open-url', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
}

export interface ScreenPopLinks {
  /**
   * Where links go from now on (the backend's inbox, once it runs); a link that came before
   * (the launch's own command line, or macOS's open-url before ready) is offered at once.
   */
  attach(inbox: ScreenPopInbox): void;
}

/**
 * Main's half of a protocol link (`outage-credit-desk://lookup?...`): claims the single-instance
 * lock (null when this instance must exit: the running one gets the link), registers the
 * scheme, and hands every link the operating system delivers to the inbox: a second launch's
 * command line (`second-instance`, Windows and Linux), macOS's `open-url`, and this launch's
 * own `launchArgv`. The inbox parses the link strictly; here it is only picked out of argv.
 */
export function takeScreenPopLinks(
  app: ScreenPopLinkApp,
  existingWindow: () => FocusableWindow | null,
  launchArgv: readonly string[],
): ScreenPopLinks | null {
  let inbox: ScreenPopInbox | null = null;
  /** The newest link that arrived before the inbox did. */
  let early: string | null = screenPopLinkIn(launchArgv);
  const offer = (link: string | null) => {
    if (!link) return;
    if (inbox) inbox.offer(link);
    else early = link;
  };
  if (!claimSingleInstance(app, existingWindow, (argv) => offer(screenPopLinkIn(argv)))) return null;
  // The phone system opens outage-credit-desk://lookup?... links; they only ever ask for a lookup.
  app.setAsDefaultProtocolClient(SCREEN_POP_SCHEME);
  app.on('open-url', (event, url) => {
    event.preventDefault();
    offer(typeof url === 'string' ? url : null);
  });
  return {
    attach(target) {
      inbox = target;
      const waiting = early;
      early = null;
      offer(waiting);
    },
  };
}
