import { describe, expect, it } from 'vitest';
import { Impact, Outage } from './outage';

const outage = {
  id: 301,
  title: 'Nationwide wireless outage',
  startsAt: '2024-02-22T08:45:00.000Z',
  endsAt: '2024-02-22T20:10:00.000Z',
  cause: 'network_change',
  servicesAffected: ['wireless_voice'],
  towersAffected: 2000,
  regions: ['TX'],
};

describe('Outage', () => {
  it('accepts an ended outage and leaves an uncounted subscriber number null', () => {
    expect(Outage.parse(outage).subscribersAffected).toBeNull();
  });

  it('accepts an ongoing outage', () => {
    expect(Outage.parse({ ...outage, endsAt: null }).endsAt).toBeNull();
  });

  it('refuses an end before the start, a cause outside the list and a time that is not UTC', () => {
    expect(Outage.safeParse({ ...outage, endsAt: '2024-02-22T08:00:00.000Z' }).success).toBe(false);
    expect(Outage.safeParse({ ...outage, cause: 'terrorism' }).success).toBe(false);
    expect(Outage.safeParse({ ...outage, startsAt: '2024-02-22T02:45:00-06:00' }).success).toBe(false);
  });
});

describe('Impact', () => {
  const impact = {
    lineId: 2001,
    outageId: 301,
    startsAt: '2024-02-22T08:45:00.000Z',
    endsAt: '2024-02-22T11:45:00.000Z',
    lostMinutes: 180,
    connectedAtStart: true,
  };

  it('accepts an impact and refuses negative minutes', () => {
    expect(Impact.parse(impact)).toEqual(impact);
    expect(Impact.safeParse({ ...impact, lostMinutes: -1 }).success).toBe(false);
  });
});
