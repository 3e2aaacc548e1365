import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvRecord } from './csv-format';
import { CsvSyntaxError, createCsvParser } from './csv-parser';

function parseAll(text: string, chunk = text.length || 1) {
  const parser = createCsvParser();
  const records = [];
  for (let i = 0; i < text.length; i += chunk) records.push(...parser.push(text.slice(i, i + chunk)));
  const end = parser.end();
  return { records: [...records, ...end.records], unterminated: end.unterminated };
}

describe('streaming RFC 4180 parser', () => {
  it('reads quoted commas, doubled quotes and line breaks, with the line each record starts on', () => {
    const { records } = parseAll('a,b\r\n"x, y","say ""hi"""\n"two\nlines",z\n\nlast,1\n');
    expect(records).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { fields: ['x, y', 'say "hi"'], line: 2 },
      { fields: ['two\nlines', 'z'], line: 3 },
      { fields: ['last', '1'], line: 6 },
    ]);
  });

  it('gives the same records whatever the chunk size', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', 'é', ' ') }), { minLength: 1, maxLength: 4 }), { maxLength: 6 }),
        fc.integer({ min: 1, max: 7 }),
        (rows, chunk) => {
          // A one-empty-cell record is written as a blank line, which the reader skips; quote it.
          const text = rows.map((r) => (r.length === 1 && r[0] === '' ? '""\r\n' : csvRecord(r))).join('');
          const whole = parseAll(text).records.map((r) => r.fields);
          expect(parseAll(text, chunk).records.map((r) => r.fields)).toEqual(whole);
          expect(whole).toEqual(rows);
        },
      ),
    );
  });

  it('reports a record without its final line break as unterminated', () => {
    expect(parseAll('a,b\nc,d')).toEqual({ records: [{ fields: ['a', 'b'], line: 1 }, { fields: ['c', 'd'], line: 2 }], unterminated: true });
  });

  it('throws on a quote that never closes and on a quote inside an unquoted field', () => {
    expect(() => parseAll('a,"b\n')).toThrow(CsvSyntaxError);
    expect(() => parseAll('a,b"c\n')).toThrow(/stray_quote at line 1/);
    expect(() => parseAll('a,"b"c\n')).toThrow(/stray_quote/);
  });
});
