/**
 * The floor of the main-thread lag figures: `npx tsx scripts/bench-loop-control.ts [--threads 2] [--seconds 20]`
 * watches this thread's event loop (scripts/bench/loop-lag.ts) while it does nothing, first
 * alone, then with `threads` worker threads of this process that only spin. Whatever the
 * second figure shows above the first is the scheduler sharing the cores between this
 * process's own threads and everything else on the machine, not work on the main thread: no
 * design that keeps a writer thread busy can get the main thread below it on this machine.
 */
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { describeLag, idleLag } from './bench/loop-lag';

const { values } = parseArgs({ options: { threads: { type: 'string', default: '2' }, seconds: { type: 'string', default: '20' } } });
const ms = Number(values.seconds) * 1000;

async function main(): Promise<void> {
  console.log(`main thread idle, alone: ${describeLag(await idleLag(ms))}`);
  const spinners = Array.from({ length: Number(values.threads) }, () => new Worker('for (;;) {}', { eval: true }));
  try {
    console.log(`main thread idle, ${spinners.length} threads of this process spinning: ${describeLag(await idleLag(ms))}`);
  } finally {
    await Promise.all(spinners.map((w) => w.terminate()));
  }
}

void main();
