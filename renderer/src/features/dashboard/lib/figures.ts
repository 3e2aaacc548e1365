import type { Currency } from '@shared/domain/account';
import type { DashboardSummary } from '@shared/ipc/dashboard-channels';

/** One cell of a CSV line: quoted when needed, and a leading = + - @ defused so a spreadsheet never runs it. */
function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export interface OutageMoney {
  outageId: number;
  outage: string;
  currency: Currency;
  scheduledCount: number;
  scheduledMinor: number;
  postedCount: number;
  postedMinor: number;
}

/** The credits of each outage over all its regions, one row per currency (never added across). */
export function creditsPerOutage(credits: DashboardSummary['credits']): OutageMoney[] {
  const rows = new Map<string, OutageMoney>();
  for (const c of credits) {
    const key = `${c.outageId}|${c.currency}`;
    let row = rows.get(key);
    if (!row) {
      row = { outageId: c.outageId, outage: c.outage, currency: c.currency, scheduledCount: 0, scheduledMinor: 0, postedCount: 0, postedMinor: 0 };
      rows.set(key, row);
    }
    if (c.status === 'scheduled') {
      row.scheduledCount += c.count;
      row.scheduledMinor += c.amountMinor;
    } else {
      row.postedCount += c.count;
      row.postedMinor += c.amountMinor;
    }
  }
  return [...rows.values()];
}

export interface OutageRegionCount {
  label: string;
  outage: string;
  region: string;
  scheduled: number;
  posted: number;
}

/** Credits per outage and region, counted (a count adds across currencies; money does not). Most first. */
export function creditsPerOutageRegion(credits: DashboardSummary['credits']): OutageRegionCount[] {
  const rows = new Map<string, OutageRegionCount>();
  for (const c of credits) {
    const key = `${c.outageId}|${c.region}`;
    let row = rows.get(key);
    if (!row) {
      row = { label: `${c.outage} · ${c.region}`, outage: c.outage, region: c.region, scheduled: 0, posted: 0 };
      rows.set(key, row);
    }
    row[c.status] += c.count;
  }
  return [...rows.values()].sort((a, b) => b.scheduled + b.posted - (a.scheduled + a.posted) || a.label.localeCompare(b.label));
}

/** Days as rows and one column per agent (or reason): what a stacked bar chart reads. */
export function overridesPerDayBy(
  perDay: DashboardSummary['overridesPerDay'],
  by: 'agent' | 'reason',
): { series: string[]; rows: Array<Record<string, string | number>> } {
  const series = [...new Set(perDay.map((row) => row[by]))].sort();
  const days = new Map<string, Record<string, string | number>>();
  for (const row of perDay) {
    let day = days.get(row.day);
    if (!day) {
      day = { day: row.day, ...Object.fromEntries(series.map((s) => [s, 0])) };
      days.set(row.day, day);
    }
    day[row[by]] = Number(day[row[by]] ?? 0) + row.count;
  }
  return { series, rows: [...days.values()] };
}
