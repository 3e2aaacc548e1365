import type { FeedEntity } from './feed-entities';
import { feedFields, type FieldKind } from './feed-fields';

export type HeaderProblem =
  | { readonly kind: 'unknown_column'; readonly column: string }
  | { readonly kind: 'duplicate_column'; readonly column: string }
  | { readonly kind: 'missing_column'; readonly column: string };

/** A header row must name every required field, only known fields, each once; order is free. */
export function checkCsvHeader(entity: FeedEntity, header: readonly string[]): HeaderProblem | null {
  const fields = feedFields(entity);
  const known = new Set(fields.map((f) => f.name));
  const seen = new Set<string>();
  for (const raw of header) {
    const column = raw.trim();
    if (!known.has(column)) return { kind: 'unknown_column', column };
    if (seen.has(column)) return { kind: 'duplicate_column', column };
    seen.add(column);
  }
  const missing = fields.find((f) => f.required && !seen.has(f.name));
  return missing ? { kind: 'missing_column', column: missing.name } : null;
}

const INTEGER = /^-?\d{1,16}$/;

/**
 * Converts one cell by its field's kind. A cell that does not convert is passed on as
 * text, so that the row schema reports it as the wrong type for that field.
 */
function convertCell(kind: FieldKind, cell: string): unknown {
  switch (kind) {
    case 'int':
      return INTEGER.test(cell) ? Number(cell) : cell;
    case 'bool':
      return cell === 'true' || cell === '1' ? true : cell === 'false' || cell === '0' ? false : cell;
    case 'list':
      return cell.split('|');
    case 'json':
      try {
        return JSON.parse(cell) as unknown;
      } catch {
        return cell;
      }
    default:
      return cell;
  }
}

export type CsvRowBuilder = (fields: readonly string[]) => Record<string, unknown>;

/**
 * Prepares the conversion of a file's records into row objects for the row schema. An
 * empty cell means the field is absent (the schema then says whether that is allowed).
 * A record with more cells than the header gets an `__extra_cells` field, which the
 * strict schema refuses.
 */
export function csvRowBuilder(entity: FeedEntity, header: readonly string[]): CsvRowBuilder {
  const kinds = new Map(feedFields(entity).map((f) => [f.name, f.kind]));
  const columns = header.map((name) => ({ name: name.trim(), kind: kinds.get(name.trim()) ?? 'text' }));
  return (fields) => {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < columns.length; i += 1) {
      const cell = fields[i];
      const column = columns[i] as { name: string; kind: FieldKind };
      if (cell === undefined || cell === '') continue;
      row[column.name] = convertCell(column.kind, cell);
    }
    if (fields.length > columns.length) row.__extra_cells = fields.slice(columns.length);
    return row;
  };
}
