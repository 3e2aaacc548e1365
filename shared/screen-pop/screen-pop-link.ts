import { AccountNumber } from '../domain/account';
import { normalizePhone } from '../domain/phone';

/**
 * The phone system's screen-pop: `outage-credit-desk://lookup?phone=...` (or `account=`), with
 * an optional `call=` naming the call. Parsed strictly: the scheme, the path and the
 * parameters are allow-listed, each at most once, and a link only ever asks for a lookup.
 */
export const SCREEN_POP_SCHEME = 'outage-credit-desk';
const PREFIX = `${SCREEN_POP_SCHEME}://lookup?`;
const MAX_LINK_LENGTH = 512;
/** A call's id as the phone system names it; it becomes the override form's interaction reference. */
export const CALL_ID = /^[A-Za-z0-9][A-Za-z0-9._:/-]{2,63}$/;
const PARAMETERS = new Set(['phone', 'account', 'call']);

export type ScreenPopLookup =
  | { by: 'phone'; phone: string; callId: string | null }
  | { by: 'account'; accountNumber: string; callId: string | null };

export const screenPopRefusals = ['not_a_lookup_link', 'unknown_parameter', 'repeated_parameter', 'one_target', 'bad_phone', 'bad_account', 'bad_call'] as const;
export type ScreenPopRefusal = (typeof screenPopRefusals)[number];

export type ScreenPopParse = { ok: true; lookup: ScreenPopLookup } | { ok: false; reason: ScreenPopRefusal };

function decode(value: string): string | null {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

export function parseScreenPopLink(link: string): ScreenPopParse {
  if (link.length > MAX_LINK_LENGTH) return { ok: false, reason: 'not_a_lookup_link' };
  // The scheme is case-insensitive (RFC 3986); nothing else is.
  if (link.slice(0, PREFIX.length).toLowerCase() !== PREFIX || link.slice(SCREEN_POP_SCHEME.length, PREFIX.length) !== '://lookup?') {
    return { ok: false, reason: 'not_a_lookup_link' };
  }
  const values = new Map<string, string>();
  for (const pair of link.slice(PREFIX.length).split('&')) {
    const at = pair.indexOf('=');
    const key = at < 0 ? pair : pair.slice(0, at);
    if (!PARAMETERS.has(key)) return { ok: false, reason: 'unknown_parameter' };
    if (values.has(key)) return { ok: false, reason: 'repeated_parameter' };
    const value = decode(at < 0 ? '' : pair.slice(at + 1));
    if (value === null) return { ok: false, reason: key === 'call' ? 'bad_call' : key === 'phone' ? 'bad_phone' : 'bad_account' };
    values.set(key, value);
  }
  const phone = values.get('phone');
  const account = values.get('account');
  if ((phone === undefined) === (account === undefined)) return { ok: false, reason: 'one_target' };
  const call = values.get('call');
  if (call !== undefined && !CALL_ID.test(call)) return { ok: false, reason: 'bad_call' };
  const callId = call ?? null;
  if (phone !== undefined) {
    const e164 = /^[0-9+()\s.\-/]{3,32}$/.test(phone) ? normalizePhone(phone) : null;
    return e164 ? { ok: true, lookup: { by: 'phone', phone: e164, callId } } : { ok: false, reason: 'bad_phone' };
  }
  const parsed = AccountNumber.safeParse(account);
  return parsed.success ? { ok: true, lookup: { by: 'account', accountNumber: parsed.data, callId } } : { ok: false, reason: 'bad_account' };
}
