import type { DeskApi } from '@shared/ipc/api';
import { DESK_GLOBAL } from '@shared/ipc/api';
import type { ChannelInput, ChannelName, ChannelOutput } from '@shared/ipc/channels';
import { err, type Result } from '@shared/ipc/result';
import { useSessionStore } from '../stores/session-store';

function getDesk(): DeskApi | undefined {
  const desk = (globalThis as Record<string, unknown>)[DESK_GLOBAL];
  return desk && typeof desk === 'object' ? (desk as DeskApi) : undefined;
}

function isResult(value: unknown): value is Result<unknown> {
  if (!value || typeof value !== 'object') return false;
  const candidate = value as { ok?: unknown; error?: { code?: unknown } };
  if (candidate.ok === true) return 'value' in candidate;
  return candidate.ok === false && typeof candidate.error?.code === 'string';
}

/**
 * The one way the renderer talks to main. It never throws: a missing bridge, a rejected
 * promise or a malformed reply all become an INTERNAL result, so every caller handles one shape.
 * Any call that finds the session locked or gone moves the session store there, which takes
 * the operator to the sign-in screen whichever feature made the call.
 */
export async function callDesk<C extends ChannelName>(
  channel: C,
  input: ChannelInput<C>,
): Promise<Result<ChannelOutput<C>>> {
  const desk = getDesk();
  const call = desk?.[channel];
  if (typeof call !== 'function') return err('INTERNAL', { details: { reason: 'bridge_missing' } });
  let result: unknown;
  try {
    result = await call(input);
  } catch {
    return err('INTERNAL', { details: { reason: 'bridge_failed' } });
  }
  if (!isResult(result)) return err('INTERNAL', { details: { reason: 'bad_reply' } });
  if (!result.ok) {
    const { code } = result.error;
    if (code === 'SESSION_LOCKED' || code === 'NOT_SIGNED_IN') {
      const { status, sessionEnded } = useSessionStore.getState();
      // A late reply must not turn "locked" into "signed out" or wake a signed-out screen.
      if (status === 'signed-in') sessionEnded(code);
    }
  }
  return result as Result<ChannelOutput<C>>;
}
