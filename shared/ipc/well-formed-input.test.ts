import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findMalformedString } from '../domain/text';
import { channels } from './channels';

const filing = {
  clientRequestId: '5b0d7a4e-8c1f-4e1a-9a57-2f0c1d9e0b11',
  accountNumber: '287100000002',
  outageId: 1,
  kind: 'goodwill',
  amountMinor: 500,
  reasonCode: 'excluded_segment_goodwill',
  justification: 'Prepaid customer lost service for twelve hours.',
  interactionRef: 'CALL-2024-0001',
};
const loneSurrogate = fc.constantFrom('\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uDE0A');

describe('text that is not well-formed UTF-16', () => {
  it('is found at its path, and well-formed text (emoji pairs included) is not', () => {
    expect(findMalformedString({ a: ['ok', { b: 'x\uD83D' }] })).toEqual(['a', 1, 'b']);
    expect(findMalformedString({ a: ['Zoë 😀 日本', { b: 'ok' }] })).toBeNull();
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (text) => {
      expect(findMalformedString({ text })).toBeNull();
    }));
  });

  it('is refused by a channel schema wherever it is placed in a string field', () => {
    const schema = channels.overridesSubmit.input;
    expect(schema.safeParse(filing).success).toBe(true);
    fc.assert(
      fc.property(fc.constantFrom('justification', 'interactionRef'), loneSurrogate, fc.nat(40), (field, bad, at) => {
        const text = filing[field as 'justification'];
        const cut = at % text.length;
        const parsed = schema.safeParse({ ...filing, [field]: text.slice(0, cut) + bad + text.slice(cut) });
        // interactionRef's own pattern may refuse it first; either way it never gets through.
        expect(parsed.success).toBe(false);
        if (field === 'justification') expect(parsed.error!.issues).toContainEqual(expect.objectContaining({ message: 'not_well_formed_text', path: [field] }));
      }),
    );
  });

  it('is refused in a search query, so it never reaches the database', () => {
    const parsed = channels.searchAccounts.input.safeParse({ query: 'Mül\uDC00ler' });
    expect(parsed.success).toBe(false);
  });
});
