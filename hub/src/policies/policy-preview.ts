import { randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { createUlidFactoryFrom, ULID_RANDOM_BYTES } from '@shared/domain/ulid';
import type { PolicyRunStatus, PolicyRunTotal } from '@shared/ipc/policy-run-channels';
import { Policy } from '@shared/policy/policy-schema';
import { emptyRunOutcomes, type RunOutcomes } from '@shared/policy/run-outcomes';
import { HubFailure } from '../common/hub-failure';
import { inTransaction } from '../db/transaction';
import { createChunkEvaluator } from './policy-run-chunk';
import {
  emptyNewCredits,
  findOutageForRun,
  listAttachedPolicies,
  planAccounts,
  readChunkAccounts,
  readChunkCredits,
  readChunkImpacts,
  readChunkLines,
} from './policy-run-repo';

const PREVIEW_CHUNK_ACCOUNTS = 2_000;

/**
 * The preview of an outage's automatic policies at the hub, from the hub's own data: every
 * planned account decided with the shared pure rules a run uses (createChunkEvaluator), in
 * chunks, in one REPEATABLE READ read-only transaction (one moment's data), and nothing
 * written: no run row, no credit, no audit event, no log entry. The answer is the desktop's
 * preview status, finished: the credits a run would write now (their count and amount per
 * currency, summed over the outage's automatic policies) and, for one policy, the accounts by
 * outcome; with `policies` (and no summed outcomes) when there are several. NOT_FOUND for an unknown outage or one without an
 * automatic policy.
 */
export async function previewOutagePolicies(pool: pg.Pool, outageId: number, now: Date, chunkAccounts = PREVIEW_CHUNK_ACCOUNTS): Promise<PolicyRunStatus> {
  const asOf = now.toISOString();
  return inTransaction(
    pool,
    async (tx) => {
      const outage = await findOutageForRun(tx, outageId);
      if (!outage) throw new HubFailure('NOT_FOUND', { entity: 'outage' });
      const targets = (await listAttachedPolicies(tx, outageId))
        .map((row) => ({ row, policy: Policy.parse(row.rules) }))
        .filter(({ policy }) => policy.delivery.mode === 'automatic');
      if (targets.length === 0) throw new HubFailure('NOT_FOUND', { entity: 'policy' });
      const outcomes: RunOutcomes = emptyRunOutcomes();
      const totals = new Map<string, PolicyRunTotal>();
      const parts: NonNullable<PolicyRunStatus['policies']> = [];
      let done = 0;
      let total = 0;
      let credits = 0;
      for (const { row, policy } of targets) {
        const plan = await planAccounts(tx, outage.id, policy.unit === 'account' ? { regions: outage.regions, countries: policy.inclusion.countries ?? null } : null);
        const planned = plan.ids.length;
        // The ids are never stored: any will do.
        const decide = createChunkEvaluator(policy, outage, asOf, createUlidFactoryFrom(now, randomBytes(ULID_RANDOM_BYTES)));
        let policyCredits = 0;
        for (let from = 0; from < planned; from += chunkAccounts) {
          const ids = plan.ids.subarray(from, Math.min(planned, from + chunkAccounts));
          const range = { first: ids[0]!, last: ids[ids.length - 1]! };
          let at = 0;
          const inPlan = (id: number) => {
            while (at < ids.length && ids[at]! < id) at += 1;
            return at < ids.length && ids[at] === id;
          };
          const accounts = await readChunkAccounts(tx, range, inPlan);
          const facts = {
            accounts,
            lines: await readChunkLines(tx, range),
            impacts: await readChunkImpacts(tx, outage.id, range),
            credits: await readChunkCredits(tx, outage.id, range),
          };
          const rows = emptyNewCredits();
          decide(facts, outcomes, rows);
          if (rows.ids.length > 0) {
            const sum = totals.get(policy.currency) ?? { currency: policy.currency, credits: 0, amountMinor: 0 };
            sum.credits += rows.ids.length;
            for (const amount of rows.amounts) sum.amountMinor += amount;
            totals.set(policy.currency, sum);
          }
          policyCredits += rows.ids.length;
        }
        done += planned;
        total += planned;
        credits += policyCredits;
        parts.push({ policyCode: row.code, policyVersion: row.version, state: 'done', done: planned, total: planned, creditsWritten: policyCredits });
      }
      return {
        runId: randomUUID(),
        outageId,
        preview: true,
        state: 'done',
        done,
        total,
        creditsWritten: credits,
        // Each policy's breakdown is its own (as a hub run of several shows it): several are not added into one.
        outcomes: targets.length > 1 ? null : outcomes,
        totals: [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
        startedAt: asOf,
        finishedAt: asOf,
        ...(parts.length > 1 ? { policies: parts } : {}),
      };
    },
    { isolation: 'REPEATABLE READ', readOnly: true },
  );
}
