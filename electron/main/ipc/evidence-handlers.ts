import type Database from 'better-sqlite3';
import type { Actor } from '@shared/domain/operator';
import { ok } from '@shared/ipc/result';
import type { OverrideOutbox } from '../overrides/override-outbox';
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
 * `outbox`: on a desktop that syncs with a hub, fault reports and claims are the hub's: each
 * is recorded here and filed as a named operation in the same transaction (issue 13).
 */
export function createEvidenceHandlers(db: Database.Database, outbox?: OverrideOutbox): EvidenceHandlers {
  return {
    faultReportsRecord: (input, ctx) => recordFaultReport(db, actorOf(ctx.actor), ctx.now, input, outbox),
    claimsRegister: (input, ctx) => registerClaim(db, actorOf(ctx.actor), ctx.now, input, outbox),
    faultReportsList: (input) => ok(listRegister(db, input.outageId ?? null)),
  };
}
