import type { SearchMode } from '../ipc/search-channels';
import { normalizePhone } from '../domain/phone';
import { foldText } from '../domain/text';
import { normalizePostalCode } from './normalize-postal-code';

/** One lookup the search should run, with its parameter already normalised. */
export type Lookup =
  | { readonly mode: 'account_number'; readonly accountNumber: string }
  | { readonly mode: 'phone'; readonly e164: string }
  | { readonly mode: 'email'; readonly emailPrefix: string }
  | { readonly mode: 'postal_code'; readonly postalCodeNorm: string }
  | { readonly mode: 'name'; readonly tokens: readonly string[]; readonly ftsQuery: string };

export interface ClassifiedQuery {
  /** The query after cleaning: what the lookups were derived from. */
  readonly text: string;
  /** In the order they should be tried; empty when nothing searchable is left. */
  readonly lookups: readonly Lookup[];
}

/** More tokens than this add nothing for a name and only cost FTS work. */
export const MAX_NAME_TOKENS = 8;

/**
 * The longest prefix the name index has (migration 001, `prefix = '1 2 ... 10'`). A longer
 * token is searched by its first 10 characters: the query then streams from that index
 * instead of merging whole doclists, and a name that shares 10 letters with the typed one
 * but differs after them is rare enough to show.
 */
export const MAX_INDEXED_PREFIX = 10;

/** Control, format (zero-width, bidi marks) and lone surrogate code units. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}]/gu;
const ACCOUNT_NUMBER = /^\d(?:[ -]?\d){8,11}$/;
const US_ZIP = /^\d{5}(?:[ -]\d{4})?$/;
const NL_POSTCODE = /^[1-9]\d{3} ?[a-z]{2}$/i;
/** Same token characters as FTS5's unicode61 tokenizer: letters and digits. */
const NAME_TOKEN = /[\p{L}\p{N}]+/gu;

/** Cleans raw search text: invisible characters dropped, compatibility forms unified, spaces collapsed. */
function cleanQuery(raw: string): string {
  return raw.replace(INVISIBLE, '').normalize('NFKC').replace(/\s+/g, ' ').trim();
}

/**
 * Quotes a token for an FTS5 MATCH and makes it a prefix query. The token holds only
 * letters and digits, and quoting makes even those inert, so operators such as NEAR, OR,
 * `*`, `^` or `-` typed by the agent are always searched as text.
 */
function ftsPrefix(token: string): string {
  return `"${token.replace(/"/g, '""')}"*`;
}

function nameLookup(text: string): Lookup | null {
  if (!/\p{L}/u.test(text)) return null;
  const tokens = (foldText(text).match(NAME_TOKEN) ?? []).slice(0, MAX_NAME_TOKENS).map((token) => [...token].slice(0, MAX_INDEXED_PREFIX).join(''));
  if (tokens.length === 0) return null;
  return { mode: 'name', tokens, ftsQuery: tokens.map(ftsPrefix).join(' ') };
}

/**
 * Reads what an agent typed into the one search box and lists the lookups worth trying,
 * most specific first. Ambiguous text yields several: `2125550147` is both a possible
 * account number and a phone number.
 */
export function classifyQuery(raw: string): ClassifiedQuery {
  const text = cleanQuery(raw);
  const lookups: Lookup[] = [];
  if (text === '') return { text, lookups };

  if (text.includes('@')) {
    lookups.push({ mode: 'email', emailPrefix: foldText(text).replace(/\s/g, '') });
    return { text, lookups };
  }
  if (ACCOUNT_NUMBER.test(text)) {
    lookups.push({ mode: 'account_number', accountNumber: text.replace(/\D/g, '') });
  }
  const e164 = normalizePhone(text);
  if (e164 !== null) lookups.push({ mode: 'phone', e164 });
  if (US_ZIP.test(text) || NL_POSTCODE.test(text)) {
    lookups.push({ mode: 'postal_code', postalCodeNorm: normalizePostalCode(text) });
    return { text, lookups };
  }
  if (lookups.length === 0) {
    const name = nameLookup(text);
    if (name) lookups.push(name);
  }
  return { text, lookups };
}

/** The modes of a classification, in order, as the search response reports them. */
export function lookupModes(query: ClassifiedQuery): SearchMode[] {
  return query.lookups.map((lookup) => lookup.mode);
}
