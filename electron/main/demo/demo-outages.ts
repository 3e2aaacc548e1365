import type { ServiceType } from '@shared/domain/account';

export type OutageCause =
  | 'network_change'
  | 'equipment'
  | 'natural_disaster'
  | 'weather'
  | 'third_party'
  | 'power'
  | 'cyberattack'
  | 'planned_works';

export interface DemoOutage {
  readonly sourceId: string;
  readonly title: string;
  readonly startsAt: string;
  readonly endsAt: string | null;
  readonly cause: OutageCause;
  readonly services: readonly ServiceType[];
  readonly towersAffected: number;
  readonly regions: readonly string[];
}

const US_REGIONS = ['NY', 'CA', 'TX', 'FL', 'IL', 'GA', 'NC', 'SC', 'WA', 'AZ', 'OH', 'MI'];

/** The reference event: AT&T's nationwide wireless outage of 22 February 2024 (02:45-14:10 CST). */
export const referenceOutage: DemoOutage = {
  sourceId: 'att-2024-02-22-nationwide',
  title: 'Nationwide wireless outage (network change)',
  startsAt: '2024-02-22T08:45:00.000Z',
  endsAt: '2024-02-22T20:10:00.000Z',
  cause: 'network_change',
  services: ['wireless_voice', 'wireless_data'],
  towersAffected: 21_000,
  regions: US_REGIONS,
};

/** 26 hours: the Telecommunicatiewet worked example (EUR 46.50 plan gives EUR 3.10). */
export const dutchOutage: DemoOutage = {
  sourceId: 'nl-2024-09-10-randstad',
  title: 'Regional outage Noord-Holland and Utrecht (equipment failure)',
  startsAt: '2024-09-10T04:00:00.000Z',
  endsAt: '2024-09-11T06:00:00.000Z',
  cause: 'equipment',
  services: ['wireless_voice', 'wireless_data', 'home_internet', 'fixed_voice'],
  towersAffected: 340,
  regions: ['NH', 'UT'],
};

export const weatherOutage: DemoOutage = {
  sourceId: 'us-2024-08-05-storm',
  title: 'Tropical storm damage in the Southeast',
  startsAt: '2024-08-05T12:00:00.000Z',
  endsAt: '2024-08-07T09:30:00.000Z',
  cause: 'weather',
  services: ['wireless_voice', 'wireless_data', 'home_internet'],
  towersAffected: 1_250,
  regions: ['FL', 'GA', 'SC', 'NC'],
};

/** Still going on: no end yet, so impacts have no end and no lost minutes either. */
export const ongoingOutage: DemoOutage = {
  sourceId: 'us-2026-11-23-texas-fiber',
  title: 'Fiber cut in Texas (third-party construction)',
  startsAt: '2026-11-23T14:00:00.000Z',
  endsAt: null,
  cause: 'third_party',
  services: ['wireless_voice', 'wireless_data', 'home_internet'],
  towersAffected: 85,
  regions: ['TX'],
};

export const demoOutages: readonly DemoOutage[] = [referenceOutage, dutchOutage, weatherOutage, ongoingOutage];
