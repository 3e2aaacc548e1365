/**
 * How a name search reads the index. A name matches when every typed token is a prefix of
 * one of its words (FTS5 prefix semantics). One token streams from the FTS prefix index in
 * rowid order and stops at the page size. Two or more tokens would make FTS5 intersect two
 * doclists of tens of thousands of entries to find a few hundred common ones, so they read
 * the word-pair index instead: each account has one entry per unordered pair of its words,
 * keyed (low word, high word), and the range of two tokens holds exactly the accounts that
 * have both.
 */
export type NamePlan =
  | { readonly kind: 'single'; readonly token: string }
  | {
      readonly kind: 'pair';
      /** The alphabetically lower of the two tokens read from the pair index. */
      readonly low: string;
      readonly high: string;
      /** Further tokens, each of which must still be a prefix of some word of the name. */
      readonly rest: readonly string[];
    };

/**
 * Drops every token that is a prefix of another one (or repeats it): a word that starts
 * with `maria` also starts with `mar`, so the longer token alone asks the same. After this
 * no two tokens are prefixes of each other, so two of them can never match the same word.
 */
function reduceNameTokens(tokens: readonly string[]): string[] {
  const kept: string[] = [];
  tokens.forEach((token, index) => {
    const covered = tokens.some((other, j) => j !== index && other.startsWith(token) && (other !== token || j < index));
    if (!covered && token !== '') kept.push(token);
  });
  return kept;
}

/** Pair plans beyond this many candidate tokens add counting work and no selectivity. */
const MAX_PAIR_CANDIDATE_TOKENS = 4;

function pairPlan(reduced: readonly string[], a: string, b: string): NamePlan {
  const [low, high] = a < b ? [a, b] : [b, a];
  return { kind: 'pair', low, high, rest: reduced.filter((token) => token !== a && token !== b) };
}

/**
 * How to read the index for the tokens of a name search. With two or more tokens, the pair
 * read is of the two longest (a whole first name and the start of a surname, in practice),
 * ties by typed order. The index keys each pair low word first: because the tokens differ
 * within both their lengths, any word starting with the lower token sorts below any word
 * starting with the higher one.
 */
export function planNameSearch(tokens: readonly string[]): NamePlan | null {
  const reduced = reduceNameTokens(tokens);
  if (reduced.length === 0) return null;
  if (reduced.length === 1) return { kind: 'single', token: reduced[0] as string };
  const [first, second] = byLength(reduced);
  return pairPlan(reduced, first as string, second as string);
}

function byLength(tokens: readonly string[]): string[] {
  return tokens
    .map((token, index) => ({ token, index }))
    .sort((a, b) => b.token.length - a.token.length || a.index - b.index)
    .map((entry) => entry.token);
}

/**
 * With three or more tokens any two of them can drive the read, and which two are rare
 * together depends on the data ("lars van der vos": lars with vos, not lars with van), so
 * the search counts a few candidates' ranges and reads the smallest. The candidates are
 * the pairs among the longest tokens, the plan of planNameSearch first.
 */
export function namePairCandidates(tokens: readonly string[]): NamePlan[] {
  const reduced = reduceNameTokens(tokens);
  if (reduced.length < 2) return [];
  const longest = byLength(reduced).slice(0, MAX_PAIR_CANDIDATE_TOKENS);
  const plans: NamePlan[] = [];
  for (let i = 0; i < longest.length; i += 1) {
    for (let j = i + 1; j < longest.length; j += 1) plans.push(pairPlan(reduced, longest[i] as string, longest[j] as string));
  }
  return plans;
}

/** An FTS5 MATCH for one token as a prefix, quoted so that nothing in it is FTS syntax. */
export function ftsPrefixQuery(token: string): string {
  return `"${token.replace(/"/g, '""')}"*`;
}

/** Letters and digits, as the FTS5 unicode61 tokenizer splits words. */
const WORD = /[\p{L}\p{N}]+/gu;

function nameWords(nameFold: string): string[] {
  return nameFold.match(WORD) ?? [];
}

/**
 * The pair-index entries of a folded name: each unordered pair of its words at two
 * positions, lower word first, without repeats, with the name's other words (those equal
 * to neither) joined by spaces. A pair of equal words is never asked for (see
 * reduceNameTokens) and is left out. A further token cannot match either word of a pair
 * it was read with (it is no prefix of their tokens), so the other words are all it needs.
 */
export function nameWordPairs(nameFold: string): Array<[low: string, high: string, others: string]> {
  const words = nameWords(nameFold);
  const pairs: Array<[string, string, string]> = [];
  const seen = new Set<string>();
  for (let i = 0; i < words.length; i += 1) {
    for (let j = i + 1; j < words.length; j += 1) {
      const a = words[i] as string;
      const b = words[j] as string;
      if (a === b) continue;
      const [low, high] = a < b ? [a, b] : [b, a];
      const key = `${low} ${high}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const others = [...new Set(words.filter((word) => word !== low && word !== high))].join(' ');
      pairs.push([low, high, others]);
    }
  }
  return pairs;
}
