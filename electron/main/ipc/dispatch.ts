import { channels, type ChannelName } from '@shared/ipc/channels';
import { mayCall } from '@shared/ipc/channel-access';
import { refusedDuringIntegrityAlarm } from '@shared/ipc/integrity-alarm';
import { allowedBeforePasswordChange } from '@shared/ipc/password-change';
import { err, type Result } from '@shared/ipc/result';
import type { Actor } from '@shared/domain/operator';
import type { SessionGate } from '../auth/session-gate';
import { isDatabaseBusy } from '../db/write-contention';
import type { SenderInfo } from '../window/sender-info';
import type { Handler, Handlers } from './handlers';

export interface DispatcherDeps {
  readonly handlers: Handlers;
  readonly session: SessionGate;
  readonly isTrustedSender: (sender: SenderInfo) => boolean;
  readonly clock: () => Date;
  readonly onInternalError?: (channel: string, error: unknown) => void;
  /** True while the audit log and its anchor disagree (audit/audit-anchor.ts); writes listed in shared/ipc/integrity-alarm.ts are then refused. */
  readonly integrityAlarmed?: () => boolean;
  /**
   * How many hub calls this process has made (hub-sync's client): a use case that met a busy
   * database after calling the hub is not run again (the hub would see its call twice).
   */
  readonly hubCalls?: () => number;
  /** How long a use case that met a busy database is tried again before DATABASE_BUSY (default 60 s). */
  readonly busyRetryMs?: number;
}

export type Dispatch = (channel: string, input: unknown, sender: SenderInfo) => Promise<Result<unknown>>;

function isChannelName(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(channels, name);
}

/**
 * The one path every IPC call takes: known channel, trusted sender, valid input,
 * allowed role, then the handler, whose output is checked against the contract.
 * Errors come back as values; nothing throws across the boundary.
 */
export function createDispatcher(deps: DispatcherDeps): Dispatch {
  return async function dispatch(channel, input, sender) {
    if (typeof channel !== 'string' || !isChannelName(channel)) return err('UNKNOWN_CHANNEL');
    if (!deps.isTrustedSender(sender)) return err('FORBIDDEN_SENDER');
    const spec = channels[channel];
    const parsed = spec.input.safeParse(input);
    if (!parsed.success) {
      return err('INVALID_INPUT', {
        issues: parsed.error.issues.slice(0, 20).map((issue) => ({
          path: issue.path.map(String).join('.'),
          message: issue.message,
        })),
      });
    }
    const now = deps.clock();
    let actor: Actor | null;
    try {
      if (spec.access === 'public') {
        actor = deps.session.current(now);
      } else {
        // The gate reads the operator's row (an admin may have ended the session): it can fail like a handler.
        const gate = deps.session.authorize(now);
        if (!gate.ok) return err(gate.code);
        if (!mayCall(gate.actor.role, channel)) return err('FORBIDDEN_ROLE');
        if (gate.mustChangePassword && !allowedBeforePasswordChange(channel)) return err('PASSWORD_CHANGE_REQUIRED');
        actor = gate.actor;
      }
    } catch (error) {
      if (isStorageFull(error)) return err('STORAGE_FULL');
      deps.onInternalError?.(channel, error);
      return err('INTERNAL');
    }
    if (refusedDuringIntegrityAlarm(channel) && deps.integrityAlarmed?.()) return err('INTEGRITY_ALARM');
    try {
      const handler = deps.handlers[channel] as Handler<ChannelName>;
      const result = await runWhileBusy(deps, () => handler(parsed.data as never, { actor, now }));
      if (result === BUSY) return err('DATABASE_BUSY');
      if (result.ok) {
        const out = spec.output.safeParse(result.value);
        if (!out.success) {
          deps.onInternalError?.(channel, out.error);
          return err('INTERNAL');
        }
        return { ok: true, value: out.data };
      }
      return result;
    } catch (error) {
      if (isStorageFull(error)) return err('STORAGE_FULL');
      deps.onInternalError?.(channel, error);
      return err('INTERNAL');
    }
  };
}

export const BUSY = Symbol('busy');

/**
 * Runs a use case; when it fails because another connection holds the write lock (a worker
 * thread's import or snapshot load, db/write-contention.ts), tries it again after a pause that
 * grows to 250 ms, without blocking this thread, until it runs or `busyRetryMs` has passed. A
 * use case runs in one transaction, so a failed try left nothing behind; one that had called the
 * hub before it failed is not tried again.
 */
export async function runWhileBusy<T>(deps: Pick<DispatcherDeps, 'hubCalls' | 'busyRetryMs'>, run: () => T | Promise<T>): Promise<T | typeof BUSY> {
  const deadline = performance.now() + (deps.busyRetryMs ?? 60_000);
  for (let attempt = 0; ; attempt += 1) {
    const hubCallsBefore = deps.hubCalls?.() ?? 0;
    try {
      return await run();
    } catch (error) {
      if (!isDatabaseBusy(error)) throw error;
      if ((deps.hubCalls?.() ?? 0) !== hubCallsBefore || performance.now() >= deadline) return BUSY;
      await new Promise((resolve) => setTimeout(resolve, Math.min(250, 10 * 2 ** attempt)));
    }
  }
}

function isStorageFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_WRITE' || code === 'EFBIG' || code === 'ENOSPC';
}
