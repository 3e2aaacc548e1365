import fc from 'fast-check';
import type { z } from 'zod';

/*
 * fast-check arbitraries from zod 4 schemas, for the zod types the IPC channels use: strict
 * and plain objects, strings (lengths, trim, regex and pattern formats such as uuid and ISO
 * dates), numbers and ints (bounds), booleans, enums, literals, arrays, optional, nullable,
 * default, unions, pipes (their input side). Values are built to pass the schema; a check the
 * walker cannot read (a refine) is met through a hint for that schema, or by chance.
 */

// The internals zod 4 keeps on every schema; typed loosely on purpose (not part of its public types).
interface Def {
  type: string;
  checks?: Array<{ _zod: { def: CheckDef } }>;
  [key: string]: unknown;
}
interface CheckDef {
  check: string;
  format?: string;
  pattern?: RegExp;
  minimum?: number;
  maximum?: number;
  length?: number;
  value?: number;
  inclusive?: boolean;
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

function checksOf(def: Def): CheckDef[] {
  const own = (def.checks ?? []).map((check) => check._zod.def);
  // A format schema (z.uuid(), z.iso.datetime(), z.int()) is itself a check.
  return typeof def.check === 'string' ? [def as unknown as CheckDef, ...own] : own;
}

/** Arbitraries to use for particular schema objects (by identity), e.g. a refined time zone. */
export type SchemaHints = ReadonlyMap<z.ZodType, fc.Arbitrary<unknown>>;

const MAX_FREE_LENGTH = 40;

function stringArbitrary(def: Def, schema: z.ZodType): fc.Arbitrary<string> {
  const checks = checksOf(def);
  let min = 0;
  let max = Infinity;
  let pattern: RegExp | undefined;
  let trims = false;
  for (const check of checks) {
    if (check.check === 'min_length') min = Math.max(min, check.minimum ?? 0);
    if (check.check === 'max_length') max = Math.min(max, check.maximum ?? Infinity);
    if (check.check === 'length_equals') min = max = check.length ?? 0;
    if (check.check === 'string_format' && check.pattern) pattern = check.pattern;
    if (check.check === 'overwrite') trims = true;
  }
  // The schema itself has the last word: zod counts lengths its own way (an astral character
  // can count once where JavaScript's length says two), so a near-miss is dropped, not sent.
  const fits = (value: string) => {
    const seen = trims ? value.trim() : value;
    return seen.length >= min && seen.length <= max && (!pattern || pattern.test(seen)) && schema.safeParse(value).success;
  };
  if (pattern) {
    // Bounded repeats keep generated text near the lengths a real caller sends.
    return fc.stringMatching(pattern, { size: 'small' }).filter(fits);
  }
  const upper = Number.isFinite(max) ? max : Math.max(min, MAX_FREE_LENGTH);
  const text = fc.string({ unit: 'grapheme', minLength: min, maxLength: Math.min(upper, min + MAX_FREE_LENGTH) });
  return (trims ? text.map((value) => value.trim()) : text).filter(fits);
}

function numberArbitrary(def: Def): fc.Arbitrary<number> {
  const checks = checksOf(def);
  const isInt = checks.some((check) => check.check === 'number_format' && (check.format === 'safeint' || check.format === 'int32' || check.format === 'uint32'));
  let min = isInt ? Number.MIN_SAFE_INTEGER : -1e12;
  let max = isInt ? Number.MAX_SAFE_INTEGER : 1e12;
  for (const check of checks) {
    if (check.check === 'greater_than' && check.value !== undefined) {
      min = Math.max(min, check.inclusive ? check.value : isInt ? Math.floor(check.value) + 1 : check.value + Number.EPSILON);
    }
    if (check.check === 'less_than' && check.value !== undefined) {
      max = Math.min(max, check.inclusive ? check.value : isInt ? Math.ceil(check.value) - 1 : check.value - Number.EPSILON);
    }
  }
  if (isInt) {
    // Mostly small values (ids, counts, amounts), sometimes the bounds themselves.
    const small = fc.integer({ min: Math.max(min, -5), max: Math.min(max, Math.max(min, -5) + 200) });
    return fc.oneof({ arbitrary: small, weight: 4 }, { arbitrary: fc.integer({ min, max }), weight: 1 }, { arbitrary: fc.constantFrom(min, max), weight: 1 });
  }
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

/** An arbitrary of values meant to pass `schema`. */
export function arbitraryFor(schema: z.ZodType, hints: SchemaHints = new Map()): fc.Arbitrary<unknown> {
  const hinted = hints.get(schema);
  if (hinted) return hinted;
  const def = defOf(schema);
  const inner = (key: string) => arbitraryFor(def[key] as z.ZodType, hints);
  switch (def.type) {
    case 'string':
      return stringArbitrary(def, schema);
    case 'number':
      return numberArbitrary(def);
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, string | number>));
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'null':
      return fc.constant(null);
    case 'undefined':
      return fc.constant(undefined);
    case 'optional':
      return fc.option(inner('innerType'), { nil: undefined, freq: 3 });
    case 'nullable':
      return fc.option(inner('innerType'), { nil: null, freq: 3 });
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return inner('innerType');
    case 'pipe':
      return inner('in');
    case 'array': {
      const checks = checksOf(def);
      const minLength = Math.max(0, ...checks.filter((c) => c.check === 'min_length').map((c) => c.minimum ?? 0));
      const maxLength = Math.min(minLength + 5, ...checks.filter((c) => c.check === 'max_length').map((c) => c.maximum ?? Infinity));
      return fc.array(inner('element'), { minLength, maxLength });
    }
    case 'union':
      return fc.oneof(...(def.options as z.ZodType[]).map((option) => arbitraryFor(option, hints)));
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>;
      const requiredKeys = Object.keys(shape).filter((key) => defOf(shape[key]!).type !== 'optional');
      const record = fc.record(
        Object.fromEntries(Object.entries(shape).map(([key, value]) => [key, defOf(value).type === 'optional' ? arbitraryFor(defOf(value).innerType as z.ZodType, hints) : arbitraryFor(value, hints)])),
        { requiredKeys },
      );
      return record;
    }
    default:
      throw new Error(`arbitraryFor: zod type '${def.type}' is not supported yet`);
  }
}
