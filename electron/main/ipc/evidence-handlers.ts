import type Database from 'better-sqlite3';
import type { Actor } from '@shared/domain/operator';
import { err, ok } from '@shared/ipc/result';
import { listRegister } from '../evidence-intake/fault-register';
import { recordFaultReport } from '../evidence-intake/record-fault-report';
import { registerClaim } from '../evidence-intake/register-claim';
import type { Handlers } from './handlers';

export type EvidenceHandlers = Pick<Handlers, 'faultReportsRecord' | 'claimsRegister' | 'faultReportsList'>;

function actorOf(actor: Actor | null): Actor {
  if (!actor) throw new Error('evidence handler called without an actor');
  return actor;
}

/**
 * `withHub`: on a desktop that syncs with a hub, fault reports and claims are the hub's, and
 * the hub has no operation for them yet; they are refused with a code rather than kept on
 * one desktop where no other desktop, and no approval, would ever see them.
 */
export function createEvidenceHandlers(db: Database.Database, withHub: boolean): EvidenceHandlers {
  if (withHub) {
    const refused = () => err('CONFLICT', { details: { reason: 'not_with_hub' } });
    return { faultReportsRecord: refused, claimsRegister: refused, faultReportsList: (input) => ok(listRegister(db, input.outageId ?? null)) };
  }
  return {
    faultReportsRecord: (input, ctx) => recordFaultReport(db, actorOf(ctx.actor), ctx.now, input),
    claimsRegister: (input, ctx) => registerClaim(db, actorOf(ctx.actor), ctx.now, input),
    faultReportsList: (input) => ok(listRegister(db, input.outageId ?? null)),
  };
}
