/** Nearest-rank percentile of durations in milliseconds. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export interface Timing {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly samples: number;
}

export function summarize(durations: readonly number[]): Timing {
  const sorted = [...durations].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? Number.NaN, samples: sorted.length };
}

/** Times each call separately; the first `warmup` calls are run but not counted. */
export async function timeEach<T>(inputs: readonly T[], run: (input: T) => unknown, warmup: number): Promise<Timing> {
  for (const input of inputs.slice(0, warmup)) await run(input);
  const durations: number[] = [];
  for (const input of inputs) {
    const started = performance.now();
    await run(input);
    durations.push(performance.now() - started);
  }
  return summarize(durations);
}

/**
 * Times two ways of doing the same work on the same inputs, call by call, alternating which
 * goes first, after one untimed pass of each. Neither side then gains from running on a
 * cache the other has just warmed for it more often than the other way round.
 */
export async function timePaired<A, B>(
  inputs: ReadonlyArray<readonly [A, B]>,
  runA: (input: A) => unknown,
  runB: (input: B) => unknown,
): Promise<{ a: Timing; b: Timing; cpuA: Timing; cpuB: Timing }> {
  for (const [a, b] of inputs) {
    await runA(a);
    await runB(b);
  }
  const durationsA: number[] = [];
  const durationsB: number[] = [];
  // CPU time of this process per call: what the call itself cost, without the time the
  // scheduler gave to other processes meanwhile. Read outside the wall-clock interval.
  const cpuA: number[] = [];
  const cpuB: number[] = [];
  let index = 0;
  for (const [a, b] of inputs) {
    const aFirst = index % 2 === 0;
    index += 1;
    for (const side of aFirst ? ['a', 'b'] : ['b', 'a']) {
      const cpuStarted = process.cpuUsage();
      const started = performance.now();
      if (side === 'a') await runA(a);
      else await runB(b);
      const wall = performance.now() - started;
      const cpu = process.cpuUsage(cpuStarted);
      (side === 'a' ? durationsA : durationsB).push(wall);
      (side === 'a' ? cpuA : cpuB).push((cpu.user + cpu.system) / 1000);
    }
  }
  return { a: summarize(durationsA), b: summarize(durationsB), cpuA: summarize(cpuA), cpuB: summarize(cpuB) };
}
