/**
 * A counter that moves whenever what the renderer shows may have changed: the puller applied
 * hub changes, the pusher applied an answer, a local use case wrote, or the hub link went up
 * or down. The renderer waits on it (changesNext) and refetches what it has open, so a
 * supervisor's queue and an agent's account view follow without a reload.
 */
export interface DataVersion {
  current(): number;
  bump(): void;
  /** Resolves with the version once it is above `after`, or after `timeoutMs` with it as it is then. */
  next(after: number, timeoutMs: number): Promise<number>;
  /** Answers every waiting `next` now (the app is closing). */
  close(): void;
}

export function createDataVersion(): DataVersion {
  let version = 0;
  const waiters = new Set<() => void>();

  function wakeAll(): void {
    for (const wake of [...waiters]) wake();
  }

  return {
    current: () => version,
    bump() {
      version += 1;
      wakeAll();
    },
    next(after, timeoutMs) {
      if (version > after) return Promise.resolve(version);
      return new Promise((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(version);
        };
        const timer = setTimeout(wake, timeoutMs);
        waiters.add(wake);
      });
    },
    close: wakeAll,
  };
}
