import { z } from 'zod';

export const brands = ['att', 'cricket'] as const;
export const segments = ['consumer', 'business'] as const;
export const paymentTypes = ['postpaid', 'prepaid'] as const;
export const accountStatuses = ['active', 'suspended', 'closed'] as const;
export const currencies = ['USD', 'EUR'] as const;
export const serviceTypes = ['wireless_voice', 'wireless_data', 'home_internet', 'fixed_voice'] as const;
export const lineStatuses = ['active', 'suspended', 'closed'] as const;

/**
 * Countries the rules know, and the ones the feeds, the desktop's accounts (desktop migration
 * 027) and the hub's (hub migration 012) accept. `DE` is there for the German TKG pack
 * (`de-tkg-58-entschaedigung`). No rule ties a country to a currency: a policy says whom it
 * admits (its countries), and its amounts are in the account's currency.
 */
export const countries = ['US', 'NL', 'DE'] as const;
export const Country = z.enum(countries);
export type Country = z.infer<typeof Country>;

export const Brand = z.enum(brands);
export const Segment = z.enum(segments);
export const PaymentType = z.enum(paymentTypes);
export const AccountStatus = z.enum(accountStatuses);
export const Currency = z.enum(currencies);
export const ServiceType = z.enum(serviceTypes);
export const LineStatus = z.enum(lineStatuses);

export type Brand = z.infer<typeof Brand>;
export type Segment = z.infer<typeof Segment>;
export type PaymentType = z.infer<typeof PaymentType>;
export type AccountStatus = z.infer<typeof AccountStatus>;
export type Currency = z.infer<typeof Currency>;
export type ServiceType = z.infer<typeof ServiceType>;
export type LineStatus = z.infer<typeof LineStatus>;

/** Integer minor units (cents). Never a float. */
export const MinorUnits = z.int().min(-1_000_000_000).max(1_000_000_000);

/** Account numbers are the billing system's: 9 to 12 digits. */
export const AccountNumber = z.string().regex(/^\d{9,12}$/);

/** What a search result shows at a glance. */
export const AccountSummary = z.object({
  accountNumber: AccountNumber,
  holderName: z.string(),
  brand: Brand,
  segment: Segment,
  paymentType: PaymentType,
  status: AccountStatus,
  postalCode: z.string(),
  region: z.string(),
  currency: Currency,
});
export type AccountSummary = z.infer<typeof AccountSummary>;

export const Line = z.object({
  id: z.int().positive(),
  numberE164: z.string().regex(/^\+[1-9]\d{6,14}$/),
  serviceType: ServiceType,
  monthlyRateMinor: MinorUnits,
  status: LineStatus,
});
export type Line = z.infer<typeof Line>;

export const Account = AccountSummary.extend({
  id: z.int().positive(),
  email: z.string(),
  contactPhoneE164: z.string(),
  billCycleDay: z.int().min(1).max(28),
  monthlyChargeMinor: MinorUnits,
  country: Country,
  preferredLanguage: z.enum(['en', 'nl', 'es']),
});
export type Account = z.infer<typeof Account>;

export const AccountDetail = z.object({
  account: Account,
  lines: z.array(Line),
});
export type AccountDetail = z.infer<typeof AccountDetail>;
