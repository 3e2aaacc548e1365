import type { Account, Line } from '@shared/domain/account';
import type { Credit } from '@shared/domain/credit';
import type { Impact, Outage } from '@shared/domain/outage';
import type { OutageDecision } from '@shared/ipc/decision-channels';
import { evaluateEligibility } from '@shared/policy/evaluate';
import { att202402MakeItRight } from '@shared/policy/packs/att-2024-02-make-it-right';
import { attGuarantee2025Wireless } from '@shared/policy/packs/att-guarantee-2025-wireless';
import { Policy, type PolicyInput } from '@shared/policy/policy-schema';

/** Decisions made by the real engine, so the card is tested against what main really sends. */
export const account: Account = {
  id: 1,
  accountNumber: '287100000001',
  holderName: 'Maria Müller',
  email: '',
  contactPhoneE164: '',
  brand: 'att',
  segment: 'consumer',
  paymentType: 'postpaid',
  status: 'active',
  billCycleDay: 14,
  currency: 'USD',
  monthlyChargeMinor: 10500,
  country: 'US',
  region: 'NY',
  postalCode: '10001',
  preferredLanguage: 'en',
};

export const lines: Line[] = [
  { id: 11, numberE164: '+12125550147', serviceType: 'wireless_voice', monthlyRateMinor: 6500, status: 'active' },
  { id: 12, numberE164: '+12125550148', serviceType: 'wireless_voice', monthlyRateMinor: 4000, status: 'active' },
];

export const outage: Outage = {
  id: 3,
  title: 'Nationwide wireless outage (network change)',
  startsAt: '2024-02-22T08:45:00.000Z',
  endsAt: '2024-02-22T20:10:00.000Z',
  cause: 'network_change',
  servicesAffected: ['wireless_voice'],
  towersAffected: 21000,
  subscribersAffected: null,
  regions: ['NY'],
};

export const AS_OF = '2024-09-20T12:00:00.000Z';

export function decide(
  policyInput: PolicyInput,
  options: { account?: Partial<Account>; impacts?: Impact[]; credits?: Credit[]; outage?: Partial<Outage> } = {},
): OutageDecision {
  const policy = Policy.parse(policyInput);
  const theOutage = { ...outage, ...options.outage };
  const decision = evaluateEligibility({
    account: { ...account, ...options.account },
    lines,
    outage: theOutage,
    impacts: options.impacts ?? [],
    policy,
    existingCredits: options.credits ?? [],
    asOf: AS_OF,
  });
  return {
    outage: {
      id: theOutage.id,
      title: theOutage.title,
      startsAt: theOutage.startsAt,
      endsAt: theOutage.endsAt,
      cause: theOutage.cause,
      regions: theOutage.regions,
      touchedBy: 'impact',
      impactedLineIds: (options.impacts ?? []).map((i) => i.lineId),
    },
    policy: { code: policy.code, version: policy.version, name: policy.name },
    decision,
  };
}

export function impact(lineId: number, lostMinutes: number, connectedAtStart = true): Impact {
  return {
    lineId,
    outageId: outage.id,
    startsAt: outage.startsAt,
    endsAt: new Date(Date.parse(outage.startsAt) + lostMinutes * 60_000).toISOString(),
    lostMinutes,
    connectedAtStart,
  };
}

export const makeItRight = att202402MakeItRight;
export const guarantee = attGuarantee2025Wireless;
