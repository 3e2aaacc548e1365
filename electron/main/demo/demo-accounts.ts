import type { Brand, Currency, PaymentType, Segment, ServiceType } from '@shared/domain/account';

export interface DemoLine {
  readonly numberE164: string;
  readonly serviceType: ServiceType;
  readonly monthlyRateMinor: number;
}

export interface DemoAccount {
  readonly accountNumber: string;
  readonly holderName: string;
  readonly email: string;
  readonly brand: Brand;
  readonly segment: Segment;
  readonly paymentType: PaymentType;
  readonly billCycleDay: number;
  readonly currency: Currency;
  readonly country: 'US' | 'NL';
  readonly region: string;
  readonly postalCode: string;
  readonly preferredLanguage: 'en' | 'nl' | 'es';
  readonly lines: readonly DemoLine[];
  /** Which demo outage touched every line of the account. */
  readonly outage: 'reference' | 'dutch';
}

/**
 * Well-known accounts that every demo database holds, for the README, manual testing and
 * end-to-end tests. Their numbers lie outside the ranges the generator uses.
 */
export const demoAccounts = {
  /** Consumer postpaid AT&T, three lines: the case the $5-per-account complaint is about. */
  mariaMuller: {
    accountNumber: '287100000001',
    holderName: 'Maria Müller',
    email: 'maria.muller@example.com',
    brand: 'att',
    segment: 'consumer',
    paymentType: 'postpaid',
    billCycleDay: 14,
    currency: 'USD',
    country: 'US',
    region: 'NY',
    postalCode: '10001',
    preferredLanguage: 'en',
    lines: [
      { numberE164: '+12125550147', serviceType: 'wireless_voice', monthlyRateMinor: 6500 },
      { numberE164: '+12125550148', serviceType: 'wireless_voice', monthlyRateMinor: 4000 },
      { numberE164: '+12125550149', serviceType: 'wireless_data', monthlyRateMinor: 1500 },
    ],
    outage: 'reference',
  },
  /** AT&T Prepaid: excluded from the February 2024 credit. */
  carlosPena: {
    accountNumber: '287100000002',
    holderName: 'Carlos Peña',
    email: 'carlos.pena@example.com',
    brand: 'att',
    segment: 'consumer',
    paymentType: 'prepaid',
    billCycleDay: 3,
    currency: 'USD',
    country: 'US',
    region: 'FL',
    postalCode: '33101',
    preferredLanguage: 'es',
    lines: [{ numberE164: '+13055550123', serviceType: 'wireless_voice', monthlyRateMinor: 4000 }],
    outage: 'reference',
  },
  /** AT&T Business: excluded from the February 2024 credit. */
  okaforLogistics: {
    accountNumber: '287100000003',
    holderName: 'Okafor Logistics LLC',
    email: 'fleet@okafor-logistics.example.com',
    brand: 'att',
    segment: 'business',
    paymentType: 'postpaid',
    billCycleDay: 28,
    currency: 'USD',
    country: 'US',
    region: 'TX',
    postalCode: '75201',
    preferredLanguage: 'en',
    lines: [
      { numberE164: '+12145550181', serviceType: 'wireless_voice', monthlyRateMinor: 5000 },
      { numberE164: '+12145550182', serviceType: 'wireless_voice', monthlyRateMinor: 5000 },
    ],
    outage: 'reference',
  },
  /** Cricket (sub-brand, prepaid): excluded from the February 2024 credit. */
  zoeNguyen: {
    accountNumber: '719000004',
    holderName: 'Zoë Nguyễn',
    email: 'zoe.nguyen@example.com',
    brand: 'cricket',
    segment: 'consumer',
    paymentType: 'prepaid',
    billCycleDay: 21,
    currency: 'USD',
    country: 'US',
    region: 'CA',
    postalCode: '90012',
    preferredLanguage: 'en',
    lines: [{ numberE164: '+12135550199', serviceType: 'wireless_voice', monthlyRateMinor: 3000 }],
    outage: 'reference',
  },
  /** Dutch consumer on a EUR 46.50 plan, 26 hours down: the Telecommunicatiewet worked example (EUR 3.10). */
  janDeVries: {
    accountNumber: '312000000005',
    holderName: 'Jan de Vries',
    email: 'jan.devries@example.nl',
    brand: 'att',
    segment: 'consumer',
    paymentType: 'postpaid',
    billCycleDay: 1,
    currency: 'EUR',
    country: 'NL',
    region: 'NH',
    postalCode: '1012 AB',
    preferredLanguage: 'nl',
    lines: [{ numberE164: '+31612345678', serviceType: 'wireless_voice', monthlyRateMinor: 4650 }],
    outage: 'dutch',
  },
} as const satisfies Record<string, DemoAccount>;
