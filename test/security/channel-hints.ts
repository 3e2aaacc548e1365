import fc from 'fast-check';
import type { z } from 'zod';
import { AccountNumber } from '@shared/domain/account';
import { SiteTimeZone } from '@shared/domain/override';
import { OutageId } from '@shared/domain/outage';
import { demoAccounts } from '../../electron/main/demo/demo-accounts';

/**
 * Where a channel's schema alone would rarely name a real row (or cannot be read by the
 * walker, as for a refined time zone), half the values come from the demo data set, so that
 * fuzzed calls reach past "not found" into the handlers' own checks.
 */
export const CHANNEL_HINTS: ReadonlyMap<z.ZodType, fc.Arbitrary<unknown>> = new Map<z.ZodType, fc.Arbitrary<unknown>>([
  [SiteTimeZone, fc.constantFrom('UTC', 'America/Chicago', 'Europe/Amsterdam', 'Asia/Kolkata', 'Pacific/Chatham', 'America/Havana')],
  [AccountNumber, fc.oneof(fc.constantFrom(...Object.values(demoAccounts).map((account) => account.accountNumber)), fc.stringMatching(/^\d{9,12}$/))],
  [OutageId, fc.oneof(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 2 ** 31 }))],
]);
