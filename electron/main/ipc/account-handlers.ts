import type Database from 'better-sqlite3';
import { err, ok } from '@shared/ipc/result';
import { getAccountDetail } from '../accounts/account-service';
import type { Handlers } from './handlers';

export type AccountHandlers = Pick<Handlers, 'accountsGet'>;

export function createAccountHandlers(db: Database.Database): AccountHandlers {
  return {
    accountsGet: (input) => {
      const detail = getAccountDetail(db, input.accountNumber);
      return detail ? ok(detail) : err('NOT_FOUND');
    },
  };
}
