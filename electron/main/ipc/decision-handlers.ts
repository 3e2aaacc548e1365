import type Database from 'better-sqlite3';
import { err, ok } from '@shared/ipc/result';
import { getAccountDecisions } from '../decisions/decision-service';
import type { Handlers } from './handlers';

export type DecisionHandlers = Pick<Handlers, 'decisionsForAccount'>;

export function createDecisionHandlers(db: Database.Database): DecisionHandlers {
  return {
    decisionsForAccount: (input, ctx) => {
      const decisions = getAccountDecisions(db, input.accountNumber, ctx.now.toISOString());
      return decisions ? ok(decisions) : err('NOT_FOUND');
    },
  };
}
