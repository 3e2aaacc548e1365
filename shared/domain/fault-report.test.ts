import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkFaultReport, FaultReportInput, isSameReport, type FaultReportFacts } from './fault-report';

const START = Date.parse('2024-02-22T08:45:00.000Z');
const NOW = Date.parse('2024-03-04T15:00:00.000Z');
const facts: FaultReportFacts = {
  account: { id: 1 },
  outage: { id: 7, startsAt: new Date(START).toISOString() },
  lineIds: [11, 12],
  now: new Date(NOW).toISOString(),
};
const iso = (ms: number) => new Date(ms).toISOString();

describe('checkFaultReport', () => {
  it.each([
    ['a whole-account report inside the outage', { lineId: null, fromAt: iso(START + 3_600_000), toAt: iso(START + 7_200_000) }, null],
    ['a report still failing (no end)', { lineId: 11, fromAt: iso(START), toAt: null }, null],
    ['a line of another account', { lineId: 99, fromAt: iso(START), toAt: null }, 'line_not_on_account'],
    ['an end before the start', { lineId: null, fromAt: iso(START + 7_200_000), toAt: iso(START + 3_600_000) }, 'ends_before_it_starts'],
    ['a failure before the outage began', { lineId: null, fromAt: iso(START - 60_000), toAt: null }, 'before_the_outage'],
    ['an end in the future', { lineId: null, fromAt: iso(START), toAt: iso(NOW + 1) }, 'in_the_future'],
  ] as const)('%s', (_name, input, expected) => {
    expect(checkFaultReport(input, facts)).toBe(expected);
  });

  it('refuses when the account or the outage is unknown', () => {
    expect(checkFaultReport({ lineId: null, fromAt: iso(START), toAt: null }, { ...facts, account: null })).toBe('not_found');
    expect(checkFaultReport({ lineId: null, fromAt: iso(START), toAt: null }, { ...facts, outage: null })).toBe('not_found');
  });

  it('accepts exactly the reports whose times lie in order between the outage start and now', () => {
    const instant = fc.integer({ min: START - 86_400_000, max: NOW + 86_400_000 });
    fc.assert(
      fc.property(instant, fc.option(instant, { nil: null }), fc.constantFrom(null, 11, 12, 99), (from, to, lineId) => {
        const verdict = checkFaultReport({ lineId, fromAt: iso(from), toAt: to === null ? null : iso(to) }, facts);
        const inOrder = to === null || to >= from;
        const notFuture = from <= NOW && (to === null || to <= NOW);
        const ownLine = lineId === null || facts.lineIds.includes(lineId);
        expect(verdict === null).toBe(ownLine && inOrder && notFuture && from >= START);
      }),
    );
  });
});

describe('FaultReportInput and isSameReport', () => {
  const draft = {
    clientRequestId: '6f1c2a4e-8b0d-4c1e-9a3f-2b7d5e6f8a90',
    accountNumber: '287100000001',
    outageId: 7,
    lineId: null,
    fromAt: iso(START),
    toAt: null,
    failed: ['calls', 'data'] as const,
    note: 'No calls and no data on either phone since the morning.',
    interactionRef: 'CALL-1',
  };
  it('needs at least one failed service and a note the supervisor can read', () => {
    expect(FaultReportInput.safeParse(draft).success).toBe(true);
    expect(FaultReportInput.safeParse({ ...draft, failed: [] }).success).toBe(false);
    expect(FaultReportInput.safeParse({ ...draft, note: 'no calls' }).success).toBe(false);
    expect(FaultReportInput.safeParse({ ...draft, recordedBy: 'someone' }).success).toBe(false);
  });
  it('treats the failed services as a set, and any other change as another report', () => {
    const a = FaultReportInput.parse(draft);
    expect(isSameReport(a, { ...a, failed: ['data', 'calls'] })).toBe(true);
    expect(isSameReport(a, { ...a, toAt: iso(START + 60_000) })).toBe(false);
  });
});
