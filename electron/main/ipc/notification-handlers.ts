import { NOTIFY_GAP_MS } from '@shared/ipc/notification-channels';
import { ok } from '@shared/ipc/result';
import type { Handlers } from './handlers';

/** The operating system's notifications: Electron's Notification in the app, a recorder in tests. */
export interface NotifierPort {
  show(notice: { title: string; body: string }): void;
}

export const noNotifier: NotifierPort = { show: () => undefined };

/**
 * At most one notification per NOTIFY_GAP_MS, whatever the renderer asks: a burst of
 * requests is one notification, and a looping renderer cannot flood the desktop.
 */
export function createNotificationHandlers(notifier: NotifierPort, clock: () => Date): Pick<Handlers, 'notifyDesktop'> {
  let lastShownAt = Number.NEGATIVE_INFINITY;
  return {
    notifyDesktop: ({ title, body }) => {
      const now = clock().getTime();
      if (now - lastShownAt < NOTIFY_GAP_MS) return ok({ shown: false });
      lastShownAt = now;
      notifier.show({ title, body });
      return ok({ shown: true });
    },
  };
}
