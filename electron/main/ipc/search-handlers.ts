import type Database from 'better-sqlite3';
import { ok } from '@shared/ipc/result';
import { searchAccounts } from '../search/search-service';
import type { Handlers } from './handlers';

export type SearchHandlers = Pick<Handlers, 'searchAccounts'>;

export function createSearchHandlers(db: Database.Database): SearchHandlers {
  return {
    searchAccounts: (input) => ok(searchAccounts(db, input.query, input.limit)),
  };
}
