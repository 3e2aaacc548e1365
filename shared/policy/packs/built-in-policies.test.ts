import { describe, expect, it } from 'vitest';
import { Decision } from '../decision';
import { evaluateEligibility } from '../evaluate';
import { Policy, type PolicyInput } from '../policy-schema';
import { att202402MakeItRight, att202402MakeItRightV2 } from './att-2024-02-make-it-right';
import { att202402MakeItRightExamples, att202402MakeItRightV2Examples } from './att-2024-02-make-it-right.examples';
import { attGuarantee2025Wireless, attGuarantee2025WirelessV2 } from './att-guarantee-2025-wireless';
import { attGuarantee2025WirelessExamples, attGuarantee2025WirelessV2Examples } from './att-guarantee-2025-wireless.examples';
import { builtInPolicies } from './built-in-policies';
import { deTkg58Entschaedigung } from './de-tkg-58-entschaedigung';
import { deTkg58EntschaedigungExamples } from './de-tkg-58-entschaedigung.examples';
import { nlTelecommunicatiewetOutage, nlTelecommunicatiewetOutageV2 } from './nl-telecommunicatiewet-outage';
import { nlTelecommunicatiewetOutageExamples, nlTelecommunicatiewetOutageV2Examples } from './nl-telecommunicatiewet-outage.examples';
import { nyPsc24h, nyPsc24hV2 } from './ny-psc-24h';
import { nyPsc24hExamples, nyPsc24hV2Examples } from './ny-psc-24h.examples';
import { verizon202601OutageCredit } from './verizon-2026-01-outage-credit';
import { verizon202601OutageCreditExamples } from './verizon-2026-01-outage-credit.examples';
import { exampleInput, type WorkedExample } from './worked-example';

const packs: [PolicyInput, WorkedExample[]][] = [
  [att202402MakeItRight, att202402MakeItRightExamples],
  [attGuarantee2025Wireless, attGuarantee2025WirelessExamples],
  [nlTelecommunicatiewetOutage, nlTelecommunicatiewetOutageExamples],
  [nyPsc24h, nyPsc24hExamples],
  [att202402MakeItRightV2, att202402MakeItRightV2Examples],
  [attGuarantee2025WirelessV2, attGuarantee2025WirelessV2Examples],
  [nlTelecommunicatiewetOutageV2, nlTelecommunicatiewetOutageV2Examples],
  [nyPsc24hV2, nyPsc24hV2Examples],
  [verizon202601OutageCredit, verizon202601OutageCreditExamples],
  [deTkg58Entschaedigung, deTkg58EntschaedigungExamples],
];
const versionOf = (p: PolicyInput) => `${p.code} v${p.version}`;

describe('built-in policy packs', () => {
  it.each(builtInPolicies.map((p) => [versionOf(p), p] as const))('%s is valid under the policy schema', (_code, pack) => {
    expect(() => Policy.parse(pack)).not.toThrow();
  });

  it('ship with unique code and version pairs and JSON-compatible data', () => {
    expect(new Set(builtInPolicies.map(versionOf)).size).toBe(builtInPolicies.length);
    for (const pack of builtInPolicies) expect(JSON.parse(JSON.stringify(pack))).toEqual(pack);
  });

  it('every pack has worked examples', () => {
    expect(packs.map(([p]) => versionOf(p)).sort()).toEqual(builtInPolicies.map(versionOf).sort());
    for (const [, examples] of packs) expect(examples.length).toBeGreaterThan(0);
  });
});

describe.each(packs.map(([pack, examples]) => [versionOf(pack), pack, examples] as const))(
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
      if (example.expect.review) expect(decision.review).toEqual(example.expect.review);
      if (example.expect.pendingAmountMinor !== undefined) expect(decision.pendingAmountMinor).toBe(example.expect.pendingAmountMinor);
      if (example.expect.adjustments) expect(decision.adjustments).toEqual(example.expect.adjustments);
      if (example.expect.legalBasis) expect(decision.legalBasis).toBe(example.expect.legalBasis);
    });
  },
);
