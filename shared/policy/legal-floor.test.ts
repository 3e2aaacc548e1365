import { describe, expect, it } from 'vitest';
import { legalFloorOf } from './legal-floor';

const decision = (legalBasis: 'carrier' | 'statute', status: 'eligible' | 'already_credited' | 'not_eligible' | 'needs_review', amountMinor: number, creditedMinor = 0) => ({
  legalBasis,
  status,
  amountMinor,
  creditedMinor,
});

describe('legalFloorOf', () => {
  it.each([
    ['no decisions', [], 0],
    ['a carrier policy only, however generous', [decision('carrier', 'eligible', 900)], 0],
    ['a statute that pays', [decision('statute', 'eligible', 310), decision('carrier', 'eligible', 900)], 310],
    ['a statute already paid: what was paid', [decision('statute', 'already_credited', 0, 310)], 310],
    ['a statute paid less than it now gives (a revised outage): the larger', [decision('statute', 'already_credited', 465, 310)], 465],
    ['a statute that does not pay, or waits for review', [decision('statute', 'not_eligible', 310), decision('statute', 'needs_review', 500)], 0],
    ['two statutes: the larger', [decision('statute', 'eligible', 310), decision('statute', 'eligible', 600)], 600],
  ] as const)('%s', (_name, decisions, floor) => {
    expect(legalFloorOf(decisions)).toBe(floor);
  });
});
