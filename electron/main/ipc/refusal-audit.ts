import type Database from 'better-sqlite3';
import type { Actor } from '@shared/domain/operator';
import { channels } from '@shared/ipc/channels';
import { appendAudit } from '../audit/audit-log';
import type { Dispatch } from './dispatch';

/** Codes the dispatcher answers before any handler runs; the handlers record their own refusals. */
const GATE_CODES = new Set(['INVALID_INPUT', 'FORBIDDEN_ROLE', 'NOT_SIGNED_IN', 'SESSION_LOCKED', 'INTEGRITY_ALARM']);

export interface RefusalAuditDeps {
  readonly db: Database.Database;
  readonly clock: () => Date;
  /** Who is signed in, without counting as activity. */
  readonly currentActor: (now: Date) => Actor | null;
}

function gateReason(code: string): string {
  if (code === 'INVALID_INPUT') return 'invalid_input';
  if (code === 'FORBIDDEN_ROLE') return 'wrong_role';
  if (code === 'INTEGRITY_ALARM') return 'integrity_alarm';
  return 'not_signed_in';
}

/** Whether the contract asks for a channel's gate refusals to be recorded (unknown names are not). */
export function refusalsAudited(channel: string): boolean {
  return Object.prototype.hasOwnProperty.call(channels, channel) && channels[channel as keyof typeof channels].auditRefusals;
}

/** Repeats of the same signed-out refusal within this long after the one recorded are counted, not recorded one by one. */
export const REFUSAL_WINDOW_MS = 60_000;

interface RefusalWindow {
  startedMs: number;
  lastAt: string;
  repeats: number;
  operatorId: number | null;
  operation: string;
  code: string;
}

export interface AuditedDispatch extends Dispatch {
  /** Records the repeats counted so far (the backend does so when it closes). */
  flushRefusals(): void;
}

/**
 * Records a refused call on a channel whose spec says `auditRefusals` (wrong role, invalid input, no session),
 * which the dispatcher turns away before any handler could record it. Only the refusal's
 * code and the paths of the invalid fields are kept, never the payload itself: it may be
 * anything. A sender that is not the app's own frame is not recorded, so a hostile frame
 * cannot flood the log; and a signed-out window that repeats the same refused call is
 * recorded once, then as one count of its repeats per minute (`override.refusals_repeated`).
 */
export function withRefusalAudit(dispatch: Dispatch, deps: RefusalAuditDeps): AuditedDispatch {
  const windows = new Map<string, RefusalWindow>();

  function writeRepeats(window: RefusalWindow): void {
    if (window.repeats === 0) return;
    appendAudit(deps.db, {
      operatorId: window.operatorId,
      action: 'override.refusals_repeated',
      target: `channel:${window.operation}`,
      before: null,
      after: { operation: window.operation, code: window.code, repeats: window.repeats, from: new Date(window.startedMs).toISOString(), to: window.lastAt },
      at: new Date(window.lastAt),
    });
    window.repeats = 0;
  }

  async function auditedDispatch(channel: string, input: unknown, sender: Parameters<Dispatch>[2]) {
    const result = await dispatch(channel, input, sender);
    if (result.ok || !GATE_CODES.has(result.error.code) || !refusalsAudited(channel)) return result;
    // A handler's refusal carries its reason and was recorded in the handler already.
    if (result.error.details?.reason !== undefined) return result;
    const now = deps.clock();
    const actor = deps.currentActor(now);
    // Nobody signed in: nobody to hold to account for a loop, so its repeats are counted.
    // A signed-in operator's refusals are each recorded under their name.
    const key = actor ? null : `${channel}|${result.error.code}`;
    const open = key === null ? undefined : windows.get(key);
    if (open && now.getTime() - open.startedMs < REFUSAL_WINDOW_MS && now.getTime() >= open.startedMs) {
      open.repeats += 1;
      open.lastAt = now.toISOString();
      return result;
    }
    const issues = (result.error.issues ?? []).map((issue) => issue.path || '(root)').slice(0, 20);
    deps.db
      .transaction(() => {
        if (open) writeRepeats(open);
        appendAudit(deps.db, {
          operatorId: actor?.operatorId ?? null,
          action: 'override.refused',
          target: `channel:${channel}`,
          before: null,
          after: {
            operation: channel,
            code: result.error.code,
            reason: gateReason(result.error.code),
            role: actor?.role ?? null,
            invalidFields: issues,
          },
          at: now,
        });
      })
      .immediate();
    if (key !== null) windows.set(key, { startedMs: now.getTime(), lastAt: now.toISOString(), repeats: 0, operatorId: null, operation: channel, code: result.error.code });
    return result;
  }

  return Object.assign(auditedDispatch as Dispatch, {
    flushRefusals() {
      if (!deps.db.open) return;
      deps.db.transaction(() => windows.forEach(writeRepeats)).immediate();
    },
  });
}
