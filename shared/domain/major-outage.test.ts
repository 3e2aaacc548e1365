import { describe, expect, it } from 'vitest';
import { chooseMajorOutage, type OutageReachFacts } from './major-outage';

const outage = (id: number, startsAt: string, endsAt: string | null, impactedAccounts: number): OutageReachFacts => ({
  id,
  startsAt: `${startsAt}T00:00:00.000Z`,
  endsAt: endsAt === null ? null : `${endsAt}T00:00:00.000Z`,
  impactedAccounts,
});

describe('the newest major outage', () => {
  it.each([
    {
      name: 'the widest of the recent ones, not the newest small one',
      outages: [outage(1, '2024-03-01', '2024-03-02', 40), outage(2, '2024-02-22', '2024-02-23', 12000)],
      asOf: '2024-03-04',
      expected: 2,
    },
    {
      name: 'an old wide outage gives way to a recent one',
      outages: [outage(1, '2023-06-01', '2023-06-02', 90000), outage(2, '2024-02-22', '2024-02-23', 500)],
      asOf: '2024-03-04',
      expected: 2,
    },
    {
      name: 'an ongoing outage is recent however long ago it began',
      outages: [outage(1, '2023-12-01', null, 800), outage(2, '2024-02-22', '2024-02-23', 500)],
      asOf: '2024-03-04',
      expected: 1,
    },
    {
      name: 'an outage not yet begun is not offered',
      outages: [outage(1, '2024-04-01', null, 99999), outage(2, '2024-02-22', '2024-02-23', 500)],
      asOf: '2024-03-04',
      expected: 2,
    },
    {
      name: 'on a tie, the newer one',
      outages: [outage(1, '2024-02-20', '2024-02-21', 500), outage(2, '2024-02-22', '2024-02-23', 500)],
      asOf: '2024-03-04',
      expected: 2,
    },
    {
      name: 'none recent (data loaded years later): the widest of the month before the newest',
      outages: [outage(1, '2024-02-22', '2024-02-23', 12000), outage(2, '2024-03-10', '2024-03-11', 40), outage(3, '2023-01-01', '2023-01-02', 90000)],
      asOf: '2026-12-03',
      expected: 1,
    },
  ])('$name', ({ outages, asOf, expected }) => {
    expect(chooseMajorOutage(outages, `${asOf}T12:00:00.000Z`)?.id).toBe(expected);
  });

  it('offers nothing when there is no outage', () => {
    expect(chooseMajorOutage([], '2024-03-04T00:00:00.000Z')).toBeNull();
  });
});
