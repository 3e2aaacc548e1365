import type Database from 'better-sqlite3';
import type { AuthService } from '../auth/auth-service';
import { createAccountHandlers } from './account-handlers';
import { createAuthHandlers } from './auth-handlers';
import type { Handlers } from './handlers';
import { createSearchHandlers } from './search-handlers';

export interface HandlerDeps {
  readonly db: Database.Database;
  readonly auth: AuthService;
}

/** Merges the per-feature handler maps; `satisfies Handlers` makes a missing channel a compile error. */
export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    ...createAuthHandlers(deps.auth),
    ...createSearchHandlers(deps.db),
    ...createAccountHandlers(deps.db),
  } satisfies Handlers;
}
