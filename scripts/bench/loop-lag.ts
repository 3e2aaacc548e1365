import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** How long this thread's event loop was held while a probe ran (ms). */
export interface LoopLag {
  /** monitorEventLoopDelay's longest and 99th-percentile delay. */
  readonly maxMs: number;
  readonly p99Ms: number;
  /** A 10 ms setInterval's late ticks: the count more than 50 ms late, and the three latest with what was going on. */
  readonly ticksOver50Ms: number;
  readonly worst: readonly { readonly lateMs: number; readonly during: string }[];
  /** The 1-minute load average at the start and the end (the machine's 2 cores are shared). */
  readonly load: readonly [number, number];
}

const TICK_MS = 10;
export const load1 = () => Number((loadavg()[0] ?? 0).toFixed(1));

/** Watches this thread's event loop until `stop`; `during` names the phase a late tick fell in. */
export function startLagProbe(during: () => string = () => ''): { stop(): LoopLag } {
  const loadAtStart = load1();
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let last = performance.now();
  let over50 = 0;
  const late: { lateMs: number; during: string }[] = [];
  const timer = setInterval(() => {
    const at = performance.now();
    const lateMs = at - last - TICK_MS;
    last = at;
    if (lateMs > 50) over50 += 1;
    if (late.length < 3 || lateMs > (late[late.length - 1]?.lateMs ?? 0)) {
      late.push({ lateMs: Math.round(lateMs), during: during() });
      late.sort((a, b) => b.lateMs - a.lateMs);
      late.length = Math.min(late.length, 3);
    }
  }, TICK_MS);
  return {
    stop() {
      clearInterval(timer);
      histogram.disable();
      return {
        maxMs: Math.round(histogram.max / 1e6),
        p99Ms: Math.round(histogram.percentile(99) / 1e6),
        ticksOver50Ms: over50,
        worst: late,
        load: [loadAtStart, load1()],
      };
    },
  };
}

/** The same probe over an idle loop: what the scheduler alone costs at this load. */
export async function idleLag(ms: number): Promise<LoopLag> {
  const probe = startLagProbe(() => 'idle');
  await new Promise((resolve) => setTimeout(resolve, ms));
  return probe.stop();
}

export function describeLag(lag: LoopLag): string {
  return `max ${lag.maxMs} ms, p99 ${lag.p99Ms} ms, ${lag.ticksOver50Ms} ticks > 50 ms late, worst ${lag.worst.map((w) => `${w.lateMs} ms (${w.during})`).join(', ')}; load ${lag.load[0]} to ${lag.load[1]}`;
}
