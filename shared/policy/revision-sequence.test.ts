import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Account, Line } from '../domain/account';
import type { Credit } from '../domain/credit';
import type { Impact, Outage } from '../domain/outage';
import { createAutomaticCreditEvaluator } from './automatic-credits';
import { evaluateEligibility } from './evaluate';
import { builtInPolicies } from './packs/built-in-policies';
import { baselineAccount, baselineOutage } from './packs/worked-example';
import { Policy } from './policy-schema';
import { creditFamily, isInFamily } from './revision-adjustment';

/*
 * Sequences of revisions of one outage, each followed by policy runs, as a run applies them
 * (a credit whose key exists is skipped). Per subject (the account, or one line): without
 * clawback the automatic credits add up to the largest amount the policy gave for any
 * version of the facts; with clawback, to the amount for the latest; a run after no change
 * writes nothing.
 */

const MINUTE = 60_000;
const START = Date.parse('2025-03-03T08:00:00.000Z');

const timeBased = builtInPolicies
  .map((p) => Policy.parse(p))
  .filter((p) => p.delivery.mode === 'automatic' && p.amount.kind !== 'tiered_daily');

function accountFor(policy: Policy, monthlyChargeMinor: number): Account {
  if (policy.currency === 'EUR') return { ...baselineAccount, country: 'NL', currency: 'EUR', region: 'NH', monthlyChargeMinor };
  if (policy.inclusion.regions?.includes('NY')) return { ...baselineAccount, region: 'NY', monthlyChargeMinor };
  return { ...baselineAccount, monthlyChargeMinor };
}

const scenario = fc.record({
  policy: fc.constantFrom(...timeBased),
  clawback: fc.boolean(),
  monthlyChargeMinor: fc.integer({ min: 1_000, max: 20_000 }),
  lineRates: fc.array(fc.integer({ min: 500, max: 9_000 }), { minLength: 1, maxLength: 3 }),
  /** The outage's duration in each version, in minutes; equal neighbours are runs after no change. */
  versions: fc.array(fc.integer({ min: 30, max: 60 * 24 * 6 }), { minLength: 1, maxLength: 6 }),
});

describe('credits over a sequence of outage revisions and runs', () => {
  it('add up to the largest amount given (or, with clawback, the latest), and a run after no change writes nothing', () => {
    let adjusted = 0;
    fc.assert(
      fc.property(scenario, (s) => {
        const policy = Policy.parse({ ...s.policy, revisions: { clawback: s.clawback } });
        const account = accountFor(policy, s.monthlyChargeMinor);
        const lines: Line[] = s.lineRates.map((rate, i) => ({
          id: 900 + i,
          numberE164: `+1214555090${i}`,
          serviceType: 'wireless_voice',
          monthlyRateMinor: rate,
          status: 'active',
        }));
        const stored: Credit[] = [];
        const largest = new Map<string, number>();
        let latest = new Map<string, number>();
        let revision = 0;
        let previous: number | null = null;

        for (const minutes of s.versions) {
          const changed = minutes !== previous;
          if (changed) revision += 1;
          previous = minutes;
          const endsAt = new Date(START + minutes * MINUTE).toISOString();
          const outage: Outage = { ...baselineOutage, startsAt: new Date(START).toISOString(), endsAt, towersAffected: 500, revision, regions: ['TX', 'NY', 'NH'] };
          const impacts: Impact[] = lines.map((l) => ({
            lineId: l.id,
            outageId: outage.id,
            startsAt: outage.startsAt,
            endsAt,
            lostMinutes: minutes,
            connectedAtStart: true,
          }));
          const asOf = new Date(START + (minutes + 60 * 24) * MINUTE).toISOString();

          // What the policy gives for this version of the facts, per subject, before any credit.
          const fresh = evaluateEligibility({ account, lines, outage, impacts, policy, existingCredits: [], asOf });
          latest = new Map();
          if (policy.unit === 'account') latest.set(fresh.idempotencyKey!, fresh.status === 'eligible' ? fresh.amountMinor : 0);
          else for (const line of fresh.perLine) latest.set(line.idempotencyKey, line.status === 'eligible' ? line.amountMinor : 0);
          for (const [key, amount] of latest) largest.set(key, Math.max(largest.get(key) ?? 0, amount));

          const run = () => {
            const written = createAutomaticCreditEvaluator(policy, outage, asOf)({
              account,
              lines,
              impacts,
              hasImpact: true,
              family: (key) => creditFamily(stored, key, revision),
            }).credits.filter((c) => !stored.some((x) => x.idempotencyKey === c.idempotencyKey));
            for (const c of written) {
              stored.push({
                id: `c${stored.length}`,
                accountId: account.id,
                lineId: c.lineId,
                outageId: outage.id,
                policyCode: policy.code,
                policyVersion: policy.version,
                amountMinor: c.amountMinor,
                currency: policy.currency,
                source: 'automatic',
                status: 'scheduled',
                scheduledOn: asOf.slice(0, 10),
                billDate: c.billDate,
                idempotencyKey: c.idempotencyKey,
              });
              if (c.kind === 'adjustment') adjusted += 1;
            }
            return written;
          };
          const first = run();
          if (!changed) expect(first).toEqual([]);
          expect(run()).toEqual([]);
        }

        for (const [key, amount] of latest) {
          const sum = stored.filter((c) => isInFamily(c.idempotencyKey, key)).reduce((total, c) => total + c.amountMinor, 0);
          expect(sum).toBe(s.clawback ? amount : largest.get(key));
          // One credit per revision at most, so the same difference is never paid twice.
          const keys = stored.filter((c) => isInFamily(c.idempotencyKey, key)).map((c) => c.idempotencyKey);
          expect(new Set(keys).size).toBe(keys.length);
        }
      }),
      { numRuns: 1500 },
    );
    expect(adjusted).toBeGreaterThan(100);
  });
});
