import { z } from 'zod';
import { AccountNumber, AccountSummary, Currency, MinorUnits } from '../domain/account';
import { OutageId } from '../domain/outage';
import { decisionStatuses } from '../policy/decision';
import { PolicySummary } from './decision-channels';
import { defineChannel, staff } from './define';

/** Longest search text main accepts; the search box stops typing at the same length. */
export const SEARCH_MAX_LENGTH = 200;
export const searchModes = ['account_number', 'phone', 'email', 'postal_code', 'name'] as const;
export const SearchMode = z.enum(searchModes);
export type SearchMode = z.infer<typeof SearchMode>;

export const SearchResponse = z.object({
  /** The modes the query was understood as, in the order they were tried. */
  modes: z.array(SearchMode),
  results: z.array(AccountSummary.extend({ matchedBy: SearchMode })),
  /** True when more rows matched than were returned. */
  truncated: z.boolean(),
});
export type SearchResponse = z.infer<typeof SearchResponse>;

/** Most results a chip request covers (a search page is at most 100 rows). */
export const ELIGIBILITY_CHIPS_MAX = 100;

/**
 * The outage most calls are about: among the outages ongoing or ended within the last 30
 * days, the one whose impacts touch the most accounts (ties: the most recent start).
 */
export const ActiveOutage = z.object({
  id: OutageId,
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  impactedAccounts: z.int().min(0),
  /** The first policy attached to it, which the chips answer for; null when none is. */
  policy: PolicySummary.nullable(),
});
export type ActiveOutage = z.infer<typeof ActiveOutage>;

/** A result's answer for the active outage: a decision status, or why there is none. */
export const chipStatuses = [...decisionStatuses, 'not_affected', 'no_policy'] as const;
export const ChipStatus = z.enum(chipStatuses);
export type ChipStatus = z.infer<typeof ChipStatus>;

export const EligibilityChip = z.object({
  accountNumber: AccountNumber,
  status: ChipStatus,
  /** What the decision would credit now, or has credited (already_credited); null without a decision. */
  amount: z.object({ minor: MinorUnits, currency: Currency }).nullable(),
});
export type EligibilityChip = z.infer<typeof EligibilityChip>;

export const SearchEligibility = z.object({
  activeOutage: ActiveOutage.nullable(),
  /** One per requested account that exists, in the order asked; empty without an active outage. */
  chips: z.array(EligibilityChip),
});
export type SearchEligibility = z.infer<typeof SearchEligibility>;

export const searchChannels = {
  searchAccounts: defineChannel({
    input: z.strictObject({ query: z.string().max(SEARCH_MAX_LENGTH), limit: z.int().min(1).max(100).optional() }),
    output: SearchResponse,
    access: staff,
    auditRefusals: false,
  }),
  /**
   * The chips of a result list, asked for after the results are on screen, so that the
   * search itself stays as fast as its query: each account's decision for the active outage,
   * computed by the same evaluator as the account view.
   */
  searchEligibility: defineChannel({
    input: z.strictObject({ accountNumbers: z.array(AccountNumber).max(ELIGIBILITY_CHIPS_MAX) }),
    output: SearchEligibility,
    access: staff,
    auditRefusals: false,
  }),
} as const;
