import { describe, expect, it } from 'vitest';
import { Decision } from '../decision';
import { evaluateEligibility } from '../evaluate';
import { Policy, type PolicyInput } from '../policy-schema';
import { att202402MakeItRight } from './att-2024-02-make-it-right';
import { att202402MakeItRightExamples } from './att-2024-02-make-it-right.examples';
import { attGuarantee2025Wireless } from './att-guarantee-2025-wireless';
import { attGuarantee2025WirelessExamples } from './att-guarantee-2025-wireless.examples';
import { builtInPolicies } from './built-in-policies';
import { nlTelecommunicatiewetOutage } from './nl-telecommunicatiewet-outage';
import { nlTelecommunicatiewetOutageExamples } from './nl-telecommunicatiewet-outage.examples';
import { nyPsc24h } from './ny-psc-24h';
import { nyPsc24hExamples } from './ny-psc-24h.examples';
import { exampleInput, type WorkedExample } from './worked-example';

const packs: [PolicyInput, WorkedExample[]][] = [
  [att202402MakeItRight, att202402MakeItRightExamples],
  [attGuarantee2025Wireless, attGuarantee2025WirelessExamples],
  [nlTelecommunicatiewetOutage, nlTelecommunicatiewetOutageExamples],
  [nyPsc24h, nyPsc24hExamples],
];

describe('built-in policy packs', () => {
  it.each(builtInPolicies.map((p) => [p.code, p] as const))('%s is valid under the policy schema', (_code, pack) => {
    expect(() => Policy.parse(pack)).not.toThrow();
  });

  it('ship with unique codes and JSON-compatible data', () => {
    expect(new Set(builtInPolicies.map((p) => p.code)).size).toBe(builtInPolicies.length);
    for (const pack of builtInPolicies) expect(JSON.parse(JSON.stringify(pack))).toEqual(pack);
  });

  it('every pack has worked examples', () => {
    expect(packs.map(([p]) => p.code).sort()).toEqual(builtInPolicies.map((p) => p.code).sort());
    for (const [, examples] of packs) expect(examples.length).toBeGreaterThan(0);
  });
});

describe.each(packs.map(([pack, examples]) => [pack.code, pack, examples] as const))(
  'worked examples of %s',
  (_code, pack, examples) => {
    it.each(examples.map((e) => [e.name, e] as const))('%s', (_name, example) => {
      const decision = evaluateEligibility(exampleInput(example, pack));
      expect(() => Decision.parse(decision)).not.toThrow();
      expect({ status: decision.status, amountMinor: decision.amountMinor }).toEqual({
        status: example.expect.status,
        amountMinor: example.expect.amountMinor,
      });
      if (example.expect.failedRules) {
        expect(decision.whatWouldChange.map((c) => c.code)).toEqual(example.expect.failedRules);
      }
      if (example.expect.perLine) {
        expect(decision.perLine.map((l) => ({ lineId: l.lineId, status: l.status, amountMinor: l.amountMinor }))).toEqual(
          example.expect.perLine,
        );
      }
      if (example.expect.predictedPosting) {
        expect(decision.predictedPosting).toEqual(example.expect.predictedPosting);
      }
    });
  },
);
