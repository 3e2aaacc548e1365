import { z } from 'zod';
import { AccountSummary } from '../domain/account';
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

export const searchChannels = {
  searchAccounts: defineChannel({
    input: z.strictObject({ query: z.string().max(SEARCH_MAX_LENGTH), limit: z.int().min(1).max(100).optional() }),
    output: SearchResponse,
    access: staff,
    auditRefusals: false,
  }),
} as const;
