import { foldText } from '../domain/text';

/**
 * The stored and searched form of a postal code: folded, without spaces or dashes.
 * A US ZIP+4 compares as its 5-digit ZIP, because accounts are kept by ZIP and a caller
 * who knows the +4 still lives in that ZIP. `1012 AB` becomes `1012ab`.
 */
export function normalizePostalCode(input: string): string {
  const compact = foldText(input).replace(/[\s-]/g, '');
  return /^\d{9}$/.test(compact) ? compact.slice(0, 5) : compact;
}
