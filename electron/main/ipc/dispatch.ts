import { channels, type ChannelName } from '@shared/ipc/channels';
import { mayCall } from '@shared/ipc/channel-access';
import { refusedDuringIntegrityAlarm } from '@shared/ipc/integrity-alarm';
import { allowedBeforePasswordChange } from '@shared/ipc/password-change';
import { err, type Result } from '@shared/ipc/result';
import type { Actor } from '@shared/domain/operator';
import type { SessionGate } from '../auth/session-gate';
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
      const result = await handler(parsed.data as never, { actor, now });
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

function isStorageFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_WRITE' || code === 'EFBIG' || code === 'ENOSPC';
}
