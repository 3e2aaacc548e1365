import { z } from 'zod';
import { ServiceType } from './account';

export const outageCauses = [
  'network_change',
  'equipment',
  'natural_disaster',
  'weather',
  'third_party',
  'power',
  'cyberattack',
  'planned_works',
] as const;
export const OutageCause = z.enum(outageCauses);
export type OutageCause = z.infer<typeof OutageCause>;

/** An ISO-8601 UTC instant with a `Z`, as stored everywhere (`2024-02-22T08:45:00.000Z`). */
export const UtcInstant = z.iso.datetime();

export const OutageId = z.int().positive();

export const Outage = z
  .object({
    id: OutageId,
    title: z.string().min(1).max(200),
    startsAt: UtcInstant,
    /** Null while the outage is ongoing; may be revised later. */
    endsAt: UtcInstant.nullable(),
    cause: OutageCause,
    servicesAffected: z.array(ServiceType),
    /** Null when the network team has not counted them yet. */
    towersAffected: z.int().min(0).nullable(),
    /** Subscribers affected, when known; some rules (New York PSC) depend on it. */
    subscribersAffected: z.int().min(0).nullable().default(null),
    /** Regions (state or province codes) the outage touched. */
    regions: z.array(z.string().min(1)),
    /**
     * Goes up by one each time the outage's facts change (a revised end, more towers): a
     * credit that pays the difference after a revision is keyed by it. Left out: 1.
     */
    revision: z.int().positive().optional(),
  })
  .refine((o) => o.endsAt === null || Date.parse(o.endsAt) >= Date.parse(o.startsAt), {
    message: 'endsAt is before startsAt',
    path: ['endsAt'],
  });
export type Outage = z.infer<typeof Outage>;

/** How one outage affected one line. */
export const Impact = z
  .object({
    lineId: z.int().positive(),
    outageId: OutageId,
    startsAt: UtcInstant,
    /** Null while the line is still without service. */
    endsAt: UtcInstant.nullable(),
    /** The longest run of consecutive minutes without service. */
    lostMinutes: z.int().min(0),
    /** Whether the line was connected to an affected tower when the outage began. */
    connectedAtStart: z.boolean(),
  })
  .refine((i) => i.endsAt === null || Date.parse(i.endsAt) >= Date.parse(i.startsAt), {
    message: 'endsAt is before startsAt',
    path: ['endsAt'],
  });
export type Impact = z.infer<typeof Impact>;

/** An impact as stored: lost minutes are unknown (null) while the line is still without service. */
export interface StoredImpact {
  lineId: number;
  outageId: number;
  startsAt: string;
  endsAt: string | null;
  lostMinutes: number | null;
  connectedAtStart: boolean;
}

/**
 * The engine's view of a stored impact (the desktop's cache and the hub read it alike). While
 * a line is still without service its lost minutes are counted up to `asOf`, so that a
 * minimum already reached can pass.
 */
export function impactAsOf(row: StoredImpact, asOf: string): Impact {
  const lostMinutes = row.lostMinutes ?? Math.max(0, Math.floor((Date.parse(asOf) - Date.parse(row.startsAt)) / 60_000));
  return { lineId: row.lineId, outageId: row.outageId, startsAt: row.startsAt, endsAt: row.endsAt, lostMinutes, connectedAtStart: row.connectedAtStart };
}
