import type { AccountDetail, Line } from '@shared/domain/account';
import type { SessionInfo } from '@shared/ipc/auth-channels';
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
