import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/common/canonical-json';
import { auditHashParts, type AuditFields } from '../src/logs/audit-hash';

const text = fc.string({ unit: 'grapheme', maxLength: 40 });
const fields = fc.record({
  at: fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  operatorId: fc.option(fc.integer({ min: 1, max: 2 ** 31 - 1 })),
  desktopId: fc.option(fc.uuid()),
  action: text,
  target: text,
  // Stored as JSON text, which may itself hold a "seq" key.
  before: fc.option(fc.jsonValue().map((value) => JSON.stringify(value))),
  after: fc.option(fc.constantFrom('{"seq":1,"target":"x"}', '"seq":0').chain((tricky) => fc.constantFrom(tricky, JSON.stringify({ seq: 7 })))),
});

describe('audit hash parts (the seq is taken in PostgreSQL)', () => {
  it('put together with any seq, are exactly the canonical JSON the chain hashes', () => {
    fc.assert(
      fc.property(fields, fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (event, seq) => {
        const { head, tail } = auditHashParts(event);
        const whole: AuditFields = { ...event, seq };
        expect(head + String(seq) + tail).toBe(canonicalJson(whole));
      }),
    );
  });
});
