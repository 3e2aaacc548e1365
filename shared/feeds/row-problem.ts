import type { z } from 'zod';
import type { FeedEntity } from './feed-entities';
import { fastFeedRow } from './fast-row-check';
import { feedFieldKinds } from './feed-fields';
import { feedRowSchemas, type FeedRows } from './feed-row-schemas';

/** Why a row was skipped; the renderer words each reason from its catalog. */
export const rowReasons = [
  'not_json',
  'not_an_object',
  'missing',
  'wrong_type',
  'unknown_field',
  'negative',
  'out_of_range',
  'bad_date',
  'invalid_value',
  'unknown_reference',
  'duplicate_key',
  'conflict',
  'already_exported',
] as const;
export type RowReason = (typeof rowReasons)[number];

export interface RowProblem {
  /** The feed field at fault, or '' for the row as a whole. */
  readonly field: string;
  readonly reason: RowReason;
  /** Technical detail for the report (the schema's message, the missing id). */
  readonly detail: string;
}

function reasonOf(entity: FeedEntity, issue: z.core.$ZodIssue, row: Record<string, unknown>): RowReason {
  const field = String(issue.path[0] ?? '');
  const kind = feedFieldKinds[entity][field];
  switch (issue.code) {
    case 'invalid_type':
      return issue.path.length === 1 && row[field] === undefined ? 'missing' : 'wrong_type';
    case 'too_small':
      return issue.origin === 'number' && issue.minimum === 0 && Number(row[field]) < 0 ? 'negative' : 'out_of_range';
    case 'too_big':
      return 'out_of_range';
    case 'invalid_format':
      return kind === 'instant' || kind === 'date' ? 'bad_date' : 'invalid_value';
    case 'custom':
      return kind === 'instant' && issue.path.length === 1 && issue.message === 'not a real instant' ? 'bad_date' : 'invalid_value';
    default:
      return 'invalid_value';
  }
}

export type RowCheck<E extends FeedEntity> = { ok: true; row: FeedRows[E] } | { ok: false; problem: RowProblem };

/** Validates one row against its feed's schema; the first problem is the one reported. */
export function checkFeedRow<E extends FeedEntity>(entity: E, input: unknown): RowCheck<E> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, problem: { field: '', reason: 'not_an_object', detail: 'a row must be an object' } };
  }
  const row = stripNulls(input as Record<string, unknown>);
  if ('__extra_cells' in row) {
    return { ok: false, problem: { field: '', reason: 'unknown_field', detail: 'more cells than header columns' } };
  }
  const fast = fastFeedRow(entity, row);
  if (fast) return { ok: true, row: fast };
  const parsed = feedRowSchemas[entity].safeParse(row);
  if (parsed.success) return { ok: true, row: parsed.data as FeedRows[E] };
  const issue = parsed.error.issues[0] as z.core.$ZodIssue;
  if (issue.code === 'unrecognized_keys') {
    return { ok: false, problem: { field: issue.keys[0] ?? '', reason: 'unknown_field', detail: issue.message } };
  }
  return {
    ok: false,
    problem: { field: issue.path.map(String).join('.'), reason: reasonOf(entity, issue, row), detail: issue.message },
  };
}

/** In NDJSON, `null` and a left-out field mean the same: not given. */
function stripNulls(row: Record<string, unknown>): Record<string, unknown> {
  let copy: Record<string, unknown> | null = null;
  for (const key in row) {
    if (row[key] === null) {
      copy ??= { ...row };
      delete copy[key];
    }
  }
  return copy ?? row;
}
