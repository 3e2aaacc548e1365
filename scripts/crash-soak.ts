/**
 * The long crash run: many rounds of real use cases (overrides, feed imports, policy runs)
 * killed with SIGKILL at random moments, each followed by integrity_check,
 * foreign_key_check, the audit chain and a check of every acknowledged write. Prints the figures docs/RELIABILITY.md quotes.
 *
 *   npx tsx scripts/crash-soak.ts [rounds=100] [start-limit-seconds=180]
 *
 * Every 10 rounds it prints the running totals, so a run stopped early still says what it showed.
 */
import { runCrashRounds } from '../test/reliability/crash-rounds';

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 100);
  const started = Date.now();
  const startLimitMs = Number(process.argv[3] ?? 180) * 1000;
  const report = await runCrashRounds({
    rounds,
    startLimitMs,
    minKillMs: 10,
    maxKillMs: 1500,
    onRound: ({ round, acked, killedAfterMs, acknowledgedWrites, lost }) => {
      if ((round + 1) % 10 === 0 || round + 1 === rounds) {
        const minutes = ((Date.now() - started) / 60_000).toFixed(1);
        console.log(
          `round ${round + 1}/${rounds}: ${acked} acks, killed ${killedAfterMs} ms after every use case had committed once; ` +
            `so far ${acknowledgedWrites} acknowledged writes, ${lost} lost, ${minutes} min`,
        );
      }
    },
  });
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  const acked = report.acknowledged;
  console.log(
    `rounds: ${report.rounds}, acknowledged writes: ${report.acknowledgedWrites} ` +
      `(overrides ${acked.overrides}; import batches ${acked.importBatches} with ${acked.importRows} rows; ` +
      `policy-run chunks ${acked.creditChunks} with ${acked.credits} credits), lost: ${report.lost}, ` +
      `override requests: ${report.requests}, approved: ${report.approved}, imported rows: ${report.importedRows}, ` +
      `policy runs: ${report.policyRuns}, automatic credits: ${report.automaticCredits}, problems: ${report.problems.length}, ${minutes} min`,
  );
  for (const problem of report.problems) console.log(`  ${problem}`);
  if (report.problems.length > 0 || report.lost > 0) process.exitCode = 1;
}

void main();
