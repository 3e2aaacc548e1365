/**
 * At most one nudge per `gapMs` to one change stream, the latest head always delivered: the
 * first move is sent at once, moves within the gap fold into one trailing nudge at its end.
 * Every commit moves the head, so without this a site's write rate times its open streams is
 * the hub's write load to sockets (about 1,000 heads/s x 200 desktops in the benchmark).
 */
export interface NudgeThrottle {
  push(head: number): void;
  stop(): void;
}

export function throttleNudges(send: (head: number) => void, gapMs: number, now: () => number = Date.now): NudgeThrottle {
  let lastSentAt = Number.NEGATIVE_INFINITY;
  let lastSentHead = Number.NEGATIVE_INFINITY;
  let waiting: number | null = null;
  let timer: NodeJS.Timeout | null = null;

  const flush = () => {
    timer = null;
    if (waiting === null) return;
    const head = waiting;
    waiting = null;
    // A head at or below the last one sent tells the desktop nothing.
    if (head <= lastSentHead) return;
    lastSentAt = now();
    lastSentHead = head;
    send(head);
  };

  return {
    push(head) {
      waiting = waiting === null ? head : Math.max(waiting, head);
      if (timer) return;
      const due = lastSentAt + gapMs - now();
      if (due <= 0) flush();
      else timer = setTimeout(flush, due);
    },
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
      waiting = null;
    },
  };
}
