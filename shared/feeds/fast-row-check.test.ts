import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountStatuses, brands, countries, currencies, lineStatuses, paymentTypes, segments, serviceTypes } from '../domain/account';
import { fastFeedRow } from './fast-row-check';
import { feedRowSchemas } from './feed-row-schemas';

const instantMs = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) });
const canonicalInstant = instantMs.map((ms) => new Date(ms).toISOString());
const pad = (n: number, width: number) => String(n).padStart(width, '0');
/** Instants in the canonical shape with any digits: real ones, 30 February, 24:00, second 60, leap years. */
const instantShaped = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }), fc.integer({ min: 0, max: 61 }), fc.integer({ min: 0, max: 999 }))
  .map(([y, mo, d, h, mi, s, ms]) => `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}.${pad(ms, 3)}Z`);
const sourceId = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:@-]{0,20}$/);

/** Values that are wrong, or right only in a form the schema transforms, for any field. */
const oddValue = fc.oneof(
  fc.constantFrom('', ' ', ' padded ', '-1', '1.5', 'x', '+0123', '2024-02-30T00:00:00.000Z', '2024-02-22T08:45:00Z',
    '2024-02-22T24:00:00.000Z', '2024-02-22T08:45:00.000+01:00', '2024-13-01T00:00:00.000Z', 'ATT', 'true', '12345678',
    '1234567890123', 'a'.repeat(65), 'a'.repeat(201), 'A b', '\u00e9', '__proto__'),
  fc.constantFrom(-1, 0, 1, 1.5, 29, 1_000_000_001, Number.NaN, Number.MAX_SAFE_INTEGER + 2, true, false),
  fc.constantFrom([], {}, ['wireless_voice']),
  fc.string({ maxLength: 20 }),
  fc.integer(),
  canonicalInstant.map((s) => s.replace('.000Z', 'Z')),
);

/** Each field: usually a valid value, sometimes an odd one or left out. */
function field<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 30, arbitrary: valid }, { weight: 1, arbitrary: oddValue }, { weight: 1, arbitrary: fc.constant(undefined) });
}

function withoutUndefined(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined));
}

const extraKey = fc.option(fc.constantFrom('unknown', 'id', 'source'), { nil: undefined });

const accountRow = fc
  .record({
    source_id: field(sourceId),
    account_number: field(fc.stringMatching(/^\d{9,12}$/)),
    holder_name: field(fc.oneof(fc.string({ minLength: 1, maxLength: 30 }), fc.constantFrom('Maria Müller', 'Łukasz Øster'))),
    email: field(fc.string({ maxLength: 40 })),
    contact_phone: field(fc.stringMatching(/^\+[1-9]\d{6,14}$/)),
    brand: field(fc.constantFrom(...brands)),
    segment: field(fc.constantFrom(...segments)),
    payment_type: field(fc.constantFrom(...paymentTypes)),
    status: field(fc.constantFrom(...accountStatuses)),
    bill_cycle_day: field(fc.integer({ min: 1, max: 28 })),
    currency: field(fc.constantFrom(...currencies)),
    monthly_charge_minor: field(fc.integer({ min: 0, max: 1_000_000_000 })),
    country: field(fc.constantFrom(...countries)),
    region: field(fc.string({ minLength: 1, maxLength: 16 })),
    postal_code: field(fc.string({ minLength: 1, maxLength: 16 })),
    preferred_language: field(fc.constantFrom('en', 'nl', 'es')),
  })
  .map(withoutUndefined);

const lineRow = fc
  .record({
    source_id: field(sourceId),
    account_source_id: field(sourceId),
    number_e164: field(fc.stringMatching(/^\+[1-9]\d{6,14}$/)),
    service_type: field(fc.constantFrom(...serviceTypes)),
    monthly_rate_minor: field(fc.integer({ min: 0, max: 1_000_000_000 })),
    status: field(fc.constantFrom(...lineStatuses)),
  })
  .map(withoutUndefined);

const impactRow = fc
  .record({
    source_id: field(sourceId),
    outage_source_id: field(sourceId),
    line_source_id: field(sourceId),
    starts_at: field(fc.oneof(canonicalInstant, instantShaped)),
    ends_at: field(fc.oneof(canonicalInstant, instantShaped)),
    lost_minutes: field(fc.nat({ max: 100_000 })),
    connected_at_start: field(fc.boolean()),
  })
  .map(withoutUndefined);

const cases = [
  ['accounts', accountRow],
  ['lines', lineRow],
  ['impacts', impactRow],
] as const;

describe('the fast row check', () => {
  for (const [entity, rows] of cases) {
    it(`accepts only ${entity} rows the schema accepts, with the schema's output`, () => {
      let accepted = 0;
      fc.assert(
        fc.property(rows, extraKey, (generated, extra) => {
          const row = extra ? { ...generated, [extra]: 'x' } : generated;
          const fast = fastFeedRow(entity, row);
          const parsed = feedRowSchemas[entity].safeParse(row);
          if (fast === null) return;
          accepted += 1;
          expect(parsed.success).toBe(true);
          expect(fast).toEqual(parsed.data);
        }),
        { numRuns: 3000 },
      );
      // The property says nothing if the fast path never accepts.
      expect(accepted).toBeGreaterThan(50);
    });
  }

  it('accepts the canonical rows the generated feeds hold, so they skip the schema', () => {
    const account = {
      source_id: 'A1', account_number: '287100000001', holder_name: 'Maria Müller', email: 'maria@example.com',
      contact_phone: '+12125550147', brand: 'att', segment: 'consumer', payment_type: 'postpaid', status: 'active',
      bill_cycle_day: 14, currency: 'USD', monthly_charge_minor: 12000, country: 'US', region: 'NY', postal_code: '10001',
      preferred_language: 'en',
    };
    const line = { source_id: 'L1', account_source_id: 'A1', number_e164: '+12125550147', service_type: 'wireless_voice', monthly_rate_minor: 6500, status: 'active' };
    const impact = {
      source_id: 'I1', outage_source_id: 'o-1', line_source_id: 'L1', starts_at: '2024-02-22T09:12:00.000Z',
      ends_at: '2024-02-22T16:17:00.000Z', lost_minutes: 425, connected_at_start: true,
    };
    expect(fastFeedRow('accounts', account)).toBe(account);
    expect(fastFeedRow('lines', line)).toBe(line);
    expect(fastFeedRow('impacts', impact)).toBe(impact);
  });

  it('takes an instant in the canonical shape exactly when the schema takes it', () => {
    fc.assert(
      fc.property(instantShaped, (instant) => {
        const row = { source_id: 'I1', outage_source_id: 'o', line_source_id: 'L1', starts_at: instant, connected_at_start: true };
        const parsed = feedRowSchemas.impacts.safeParse(row);
        expect(fastFeedRow('impacts', row) !== null).toBe(parsed.success);
        if (parsed.success) expect(parsed.data.starts_at).toBe(instant);
      }),
      { numRuns: 5000 },
    );
  });

  it('leaves rows the schema would transform or refuse to the schema', () => {
    const impact = { source_id: 'I1', outage_source_id: 'o', line_source_id: 'L1', starts_at: '2024-02-22T09:12:00Z', connected_at_start: true };
    expect(fastFeedRow('impacts', impact)).toBeNull();
    expect(fastFeedRow('lines', { source_id: 'L1', account_source_id: 'A1', number_e164: '+12125550147', service_type: 'wireless_voice', monthly_rate_minor: -1, status: 'active' })).toBeNull();
    expect(fastFeedRow('credits', { source_id: 'C1' })).toBeNull();
  });
});
