import type { AccountDetail, Line } from '@shared/domain/account';
import type { SessionInfo } from '@shared/ipc/auth-channels';
import type { OverrideQueueItem } from '@shared/ipc/override-channels';
import type { SearchResponse } from '@shared/ipc/search-channels';

export type SearchHit = SearchResponse['results'][number];

export function sessionFixture(overrides: Partial<SessionInfo> = {}): SessionInfo {
  return {
    operatorId: 7,
    username: 'adiaz',
    displayName: 'Ana Diaz',
    role: 'agent',
    locale: 'en-US',
    timeZone: 'America/Chicago',
    idleLockAt: '2099-01-01T00:00:00.000Z',
    mustChangePassword: false,
    ...overrides,
  };
}

export function hitFixture(overrides: Partial<SearchHit> = {}): SearchHit {
  return {
    accountNumber: '100000001',
    holderName: 'Jordan Ellis',
    brand: 'att',
    segment: 'consumer',
    paymentType: 'postpaid',
    status: 'active',
    postalCode: '75201',
    region: 'TX',
    currency: 'USD',
    matchedBy: 'name',
    ...overrides,
  };
}

export function lineFixture(overrides: Partial<Line> = {}): Line {
  return {
    id: 1,
    numberE164: '+12145550101',
    serviceType: 'wireless_voice',
    monthlyRateMinor: 6500,
    status: 'active',
    ...overrides,
  };
}

export function accountDetailFixture(
  overrides: Partial<AccountDetail['account']> = {},
  lines: Line[] = [lineFixture()],
): AccountDetail {
  return {
    account: {
      id: 1,
      accountNumber: '100000001',
      holderName: 'Jordan Ellis',
      brand: 'att',
      segment: 'consumer',
      paymentType: 'postpaid',
      status: 'active',
      postalCode: '75201',
      region: 'TX',
      currency: 'USD',
      email: 'jordan.ellis@example.com',
      contactPhoneE164: '+12145550100',
      billCycleDay: 14,
      monthlyChargeMinor: 13000,
      country: 'US',
      preferredLanguage: 'en',
      ...overrides,
    },
    lines,
  };
}

/** A pending goodwill request in the supervisor's queue, with its decision context. */
export function queueItemFixture(over: Partial<OverrideQueueItem['request']> = {}): OverrideQueueItem {
  return {
    request: {
      id: '01HQ0000000000000000000000',
      accountNumber: '287100000002',
      holderName: 'Carlos Peña',
      outageId: 1,
      outageTitle: 'Nationwide wireless outage',
      kind: 'goodwill',
      amountMinor: 500,
      currency: 'USD',
      reasonCode: 'excluded_segment_goodwill',
      justification: 'Prepaid customer without service all day.',
      interactionRef: 'CALL-1',
      requestedBy: 'sam',
      status: 'pending',
      decidedBy: null,
      decisionNote: null,
      createdAt: '2024-03-04T15:00:00.000Z',
      decidedAt: null,
      expiresAt: '2024-03-11T15:00:00.000Z',
      creditId: null,
      creditStatus: null,
      billDate: null,
      version: 1,
      ...over,
    },
    decision: {
      policyCode: 'att-2024-02-make-it-right',
      status: 'not_eligible',
      amountMinor: 0,
      currency: 'USD',
      failedRules: ['payment_type_included'],
      liveCreditMinor: 0,
    },
    agentHistory: [],
    agentApprovedTodayMinor: 0,
    agentDailyLimit: { amountMinor: 20_000, own: false },
    flags: [],
  };
}

/** A dashboard with nothing in it: the queue clear, no credits, no overrides. */
export function emptyDashboardFixture(): import('@shared/ipc/dashboard-channels').DashboardSummary {
  return {
    source: 'local',
    generatedAt: '2024-03-05T12:00:00.000Z',
    siteTimeZone: 'America/Chicago',
    pending: { count: 0, oldestCreatedAt: null, expiringSoonCount: 0, expiringSoon: [] },
    queueAge: (['under1h', 'under4h', 'under24h', 'under3d', 'older'] as const).map((bucket) => ({ bucket, count: 0 })),
    approvalsToday: [],
    credits: [],
    overridesByReason: [],
    overridesByAgent: [],
    overridesPerDay: [],
    exposure: [],
  };
}
