/**
 * A streaming RFC 4180 reader: text goes in by chunks of any size, complete records come
 * out with the line number they start on. Quoted fields may hold commas, quotes ("") and
 * line breaks; a record ends at LF or CRLF. Structure errors (a stray quote, text after a
 * closing quote, an unterminated quote at the end) are thrown as CsvSyntaxError, because a
 * reader cannot know where the next record starts after one.
 */
export interface CsvRecord {
  readonly fields: string[];
  /** 1-based line of the file on which the record starts. */
  readonly line: number;
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly kind: 'stray_quote' | 'unterminated_quote',
    readonly line: number,
  ) {
    super(`${kind} at line ${line}`);
    this.name = 'CsvSyntaxError';
  }
}

export interface CsvParser {
  /** Parses what it can; an incomplete trailing record waits for the next chunk. */
  push(chunk: string): CsvRecord[];
  /** The input is over: a record without its final line break is returned with `unterminated`. */
  end(): { records: CsvRecord[]; unterminated: boolean };
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

interface Parsed {
  readonly fields: string[];
  /** Index just after the record's line break. */
  readonly next: number;
  readonly lineBreaks: number;
}

/** Parses one record starting at `start`, or returns null when `text` ends before its line break. */
function parseRecord(text: string, start: number, line: number): Parsed | null {
  const fields: string[] = [];
  let i = start;
  let lineBreaks = 0;
  for (;;) {
    if (text.charCodeAt(i) === QUOTE) {
      let value = '';
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q < 0) return null;
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += text.slice(from, q + 1);
          from = q + 2;
          continue;
        }
        if (q + 1 >= text.length) return null;
        value += text.slice(from, q);
        i = q + 1;
        break;
      }
      for (let k = value.indexOf('\n'); k >= 0; k = value.indexOf('\n', k + 1)) lineBreaks += 1;
      fields.push(value);
      const c = text.charCodeAt(i);
      if (c === COMMA) {
        i += 1;
        continue;
      }
      if (c === LF) return { fields, next: i + 1, lineBreaks: lineBreaks + 1 };
      if (c === CR && text.charCodeAt(i + 1) === LF) return { fields, next: i + 2, lineBreaks: lineBreaks + 1 };
      if (c === CR && i + 1 >= text.length) return null;
      throw new CsvSyntaxError('stray_quote', line + lineBreaks);
    }
    let end = i;
    let c = 0;
    for (; end < text.length; end += 1) {
      c = text.charCodeAt(end);
      if (c === COMMA || c === LF) break;
      if (c === QUOTE) throw new CsvSyntaxError('stray_quote', line + lineBreaks);
    }
    if (end >= text.length) return null;
    const value = text.charCodeAt(end - 1) === CR && c === LF ? text.slice(i, end - 1) : text.slice(i, end);
    fields.push(value);
    if (c === LF) return { fields, next: end + 1, lineBreaks: lineBreaks + 1 };
    i = end + 1;
  }
}

export function createCsvParser(): CsvParser {
  let buffer = '';
  let line = 1;

  function drain(): CsvRecord[] {
    const records: CsvRecord[] = [];
    let pos = 0;
    while (pos < buffer.length) {
      const parsed = parseRecord(buffer, pos, line);
      if (!parsed) break;
      // A blank line is no record: it carries no fields at all.
      if (!(parsed.fields.length === 1 && parsed.fields[0] === '' && parsed.lineBreaks === 1 && buffer.charCodeAt(pos) !== QUOTE)) {
        records.push({ fields: parsed.fields, line });
      }
      line += parsed.lineBreaks;
      pos = parsed.next;
    }
    buffer = buffer.slice(pos);
    return records;
  }

  return {
    push(chunk) {
      buffer += chunk;
      return drain();
    },
    end() {
      const records = drain();
      if (buffer.length === 0) return { records, unterminated: false };
      const startLine = line;
      // Parse the tail as if its line break were there, to tell a cut-off quote from a missing break.
      const parsed = parseRecord(buffer + '\n', 0, startLine);
      if (!parsed) throw new CsvSyntaxError('unterminated_quote', startLine);
      buffer = '';
      records.push({ fields: parsed.fields, line: startLine });
      return { records, unterminated: true };
    },
  };
}
