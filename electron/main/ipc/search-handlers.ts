import type Database from 'better-sqlite3';
import { ok } from '@shared/ipc/result';
import { createActiveOutageFinder, searchEligibility } from '../decisions/search-eligibility';
import { searchAccounts } from '../search/search-service';
import type { Handlers } from './handlers';

export type SearchHandlers = Pick<Handlers, 'searchAccounts' | 'searchEligibility'>;

export function createSearchHandlers(db: Database.Database): SearchHandlers {
  const findActiveOutage = createActiveOutageFinder();
  return {
    searchAccounts: (input) => ok(searchAccounts(db, input.query, input.limit)),
    searchEligibility: (input, ctx) => ok(searchEligibility(db, input.accountNumbers, ctx.now.toISOString(), findActiveOutage)),
  };
}
