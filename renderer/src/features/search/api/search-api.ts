import type { Result } from '@shared/ipc/result';
import type { SearchResponse } from '@shared/ipc/search-channels';
import { callDesk } from '../../../lib/desk-client';

export function searchAccounts(query: string, limit: number): Promise<Result<SearchResponse>> {
  return callDesk('searchAccounts', { query, limit });
}
