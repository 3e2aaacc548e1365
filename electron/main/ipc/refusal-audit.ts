import type Database from 'better-sqlite3';
import type { Actor } from '@shared/domain/operator';
import { channels } from '@shared/ipc/channels';
import { appendAudit } from '../audit/audit-log';
import type { Dispatch } from './dispatch';

/** Codes the dispatcher answers before any handler runs; the handlers record their own refusals. */
const GATE_CODES = new Set(['INVALID_INPUT', 'FORBIDDEN_ROLE', 'NOT_SIGNED_IN', 'SESSION_LOCKED']);

export interface RefusalAuditDeps {
  readonly db: Database.Database;
  readonly clock: () => Date;
  /** Who is signed in, without counting as activity. */
  readonly currentActor: (now: Date) => Actor | null;
}

/** Whether the contract asks for a channel's gate refusals to be recorded (unknown names are not). */
export function refusalsAudited(channel: string): boolean {
  return Object.prototype.hasOwnProperty.call(channels, channel) && channels[channel as keyof typeof channels].auditRefusals;
}

/**
 * Records a refused call on a channel whose spec says `auditRefusals` (wrong role, invalid input, no session),
 * which the dispatcher turns away before any handler could record it. Only the refusal's
 * code and the paths of the invalid fields are kept, never the payload itself: it may be
 * anything. A sender that is not the app's own frame is not recorded, so a hostile frame
 * cannot flood the log.
 */
export function withRefusalAudit(dispatch: Dispatch, deps: RefusalAuditDeps): Dispatch {
  return async function auditedDispatch(channel, input, sender) {
    const result = await dispatch(channel, input, sender);
    if (result.ok || !GATE_CODES.has(result.error.code) || !refusalsAudited(channel)) return result;
    // A handler's refusal carries its reason and was recorded in the handler already.
    if (result.error.details?.reason !== undefined) return result;
    const now = deps.clock();
    const actor = deps.currentActor(now);
    const issues = (result.error.issues ?? []).map((issue) => issue.path || '(root)').slice(0, 20);
    deps.db
      .transaction(() => {
        appendAudit(deps.db, {
          operatorId: actor?.operatorId ?? null,
          action: 'override.refused',
          target: `channel:${channel}`,
          before: null,
          after: {
            operation: channel,
            code: result.error.code,
            reason: result.error.code === 'INVALID_INPUT' ? 'invalid_input' : result.error.code === 'FORBIDDEN_ROLE' ? 'wrong_role' : 'not_signed_in',
            role: actor?.role ?? null,
            invalidFields: issues,
          },
          at: now,
        });
      })
      .immediate();
    return result;
  };
}
