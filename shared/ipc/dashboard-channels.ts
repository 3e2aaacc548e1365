import { z } from 'zod';
import { Currency } from '../domain/account';
import { defineChannel, Empty } from './define';

const Money = z.object({ currency: Currency, count: z.int().min(0), amountMinor: z.int() });

/** How long pending requests have waited, oldest bucket last. */
export const queueAgeBuckets = ['under1h', 'under4h', 'under24h', 'under3d', 'older'] as const;
export type QueueAgeBucket = (typeof queueAgeBuckets)[number];

/** The figures of one dashboard load: what the desktop computes from its database and the hub's route answers (strict). */
export const DashboardFigures = z.strictObject({
  generatedAt: z.string(),
  /** The site's zone: "today" and the days of the override chart are its business days. */
  siteTimeZone: z.string(),
  pending: z.object({
    count: z.int().min(0),
    oldestCreatedAt: z.string().nullable(),
    /** Pending requests whose expiry falls within the next 24 hours. */
    expiringSoonCount: z.int().min(0),
    expiringSoon: z.array(
      z.object({ id: z.string(), accountNumber: z.string(), agent: z.string(), amountMinor: z.int(), currency: Currency, expiresAt: z.string() }),
    ),
  }),
  queueAge: z.array(z.object({ bucket: z.enum(queueAgeBuckets), count: z.int().min(0) })),
  /** Approved today per agent and currency, against the agent's own daily limit or the site's. */
  approvalsToday: z.array(
    z.object({ agent: z.string(), currency: Currency, count: z.int().min(0), amountMinor: z.int(), limitMinor: z.int() }),
  ),
  /** Credits not reversed, per outage, region, currency and status (scheduled or posted); currencies are never added. */
  credits: z.array(
    z.object({ outageId: z.int(), outage: z.string(), region: z.string(), status: z.enum(['scheduled', 'posted']), currency: Currency, count: z.int().min(0), amountMinor: z.int() }),
  ),
  /** Overrides filed in the last 14 site days. */
  overridesByReason: z.array(Money.extend({ reason: z.string() })),
  overridesByAgent: z.array(Money.extend({ agent: z.string() })),
  overridesPerDay: z.array(z.object({ day: z.string(), agent: z.string(), reason: z.string(), count: z.int().min(0) })),
  /** Sum of the pending requests' amounts (reversals not counted), per currency. */
  exposure: z.array(Money),
});
export type DashboardFigures = z.infer<typeof DashboardFigures>;

/**
 * Where the figures came from: `local` a standalone desktop's own database; `hub` the hub's
 * (an enrolled desktop that reached it); `cache` an enrolled desktop's synced copy, when the hub
 * could not be reached (the screen says so: the copy may be behind the hub).
 */
export const dashboardSources = ['local', 'hub', 'cache'] as const;
export const DashboardSummary = DashboardFigures.extend({
  source: z.enum(dashboardSources),
});
export type DashboardSummary = z.infer<typeof DashboardSummary>;

/** Longest CSV a figure is saved as: far above any dashboard figure (a few thousand rows). */
export const DASHBOARD_CSV_MAX = 2_000_000;

/** A figure's name (`queueAge`) as it goes into the suggested file name: ASCII letters, digits and dashes only. */
export const DashboardFigureName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/);

export const DashboardSaveCsvOutput = z.discriminatedUnion('saved', [
  z.strictObject({ saved: z.literal(true), fileName: z.string() }),
  z.strictObject({ saved: z.literal(false) }),
]);

export const dashboardChannels = {
  /** The supervisor's and admin's home: the queue, the limits and the outage's money, in one read. */
  dashboardSummary: defineChannel({ input: Empty, output: DashboardSummary, access: ['supervisor', 'admin'], auditRefusals: true }),
  /**
   * Saves the figures behind a chart as a CSV file: main asks where (the system's save dialog,
   * in the operator's language) and writes it; the renderer never names a path. Cancelled, it
   * is `saved: false` and nothing is written; a failed write is FILE_WRITE_FAILED.
   */
  dashboardSaveCsv: defineChannel({
    input: z.strictObject({ figure: DashboardFigureName, csv: z.string().min(1).max(DASHBOARD_CSV_MAX) }),
    output: DashboardSaveCsvOutput,
    access: ['supervisor', 'admin'],
    auditRefusals: true,
  }),
} as const;
