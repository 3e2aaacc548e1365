import type { Result } from '@shared/ipc/result';
import type { SearchEligibility, SearchResponse } from '@shared/ipc/search-channels';
import { callDesk } from '../../../lib/desk-client';

export function searchAccounts(query: string, limit: number): Promise<Result<SearchResponse>> {
  return callDesk('searchAccounts', { query, limit });
}

export function searchEligibility(accountNumbers: readonly string[]): Promise<Result<SearchEligibility>> {
  return callDesk('searchEligibility', { accountNumbers: [...accountNumbers] });
}
