import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { FeedEntity, FeedFormat } from '@shared/feeds/feed-entities';
import type { AccountRow, DatasetWriter, ImpactRow, LineRow } from '../../electron/main/demo/dataset-repo';
import { demoOutages } from '../../electron/main/demo/demo-outages';
import { generateAccounts, type OutageIds } from '../../electron/main/demo/generate-dataset';
import { csvFeedHeader, formatFeedRow } from './feed-row-format';

const FLUSH_CHARS = 1 << 20;

/** A feed file written by buffered appends, so a million rows never sit in memory. */
export interface FeedFileSink {
  write(row: Readonly<Record<string, unknown>>): void;
  close(): void;
}

export function openFeedFile(dir: string, entity: FeedEntity, format: FeedFormat, name: string = entity): FeedFileSink {
  mkdirSync(dir, { recursive: true });
  const fd = openSync(join(dir, `${name}.${format}`), 'w');
  let buffer = format === 'csv' ? csvFeedHeader(entity) : '';
  return {
    write(row) {
      buffer += formatFeedRow(entity, format, row);
      if (buffer.length >= FLUSH_CHARS) {
        writeSync(fd, buffer);
        buffer = '';
      }
    },
    close() {
      writeSync(fd, buffer);
      closeSync(fd);
    },
  };
}

export function outageFeedRows(): Array<Record<string, unknown>> {
  return demoOutages.map((o) => ({
    source_id: o.sourceId,
    title: o.title,
    starts_at: o.startsAt,
    ...(o.endsAt ? { ends_at: o.endsAt } : {}),
    cause: o.cause,
    services: [...o.services],
    towers_affected: o.towersAffected,
    regions: [...o.regions],
  }));
}

export function accountFeedRow(row: AccountRow): Record<string, unknown> {
  const [sourceId, accountNumber, holderName, , email, , contactPhone, brand, segment, paymentType, status, billCycleDay, currency, monthly, country, region, postalCode, , language] = row;
  return {
    source_id: sourceId,
    account_number: accountNumber,
    holder_name: holderName,
    ...(email ? { email } : {}),
    ...(contactPhone ? { contact_phone: contactPhone } : {}),
    brand,
    segment,
    payment_type: paymentType,
    status,
    bill_cycle_day: billCycleDay,
    currency,
    monthly_charge_minor: monthly,
    country,
    region,
    postal_code: postalCode,
    preferred_language: language,
  };
}

export interface FeedSinks {
  readonly accounts: FeedFileSink;
  readonly lines: FeedFileSink;
  readonly impacts: FeedFileSink;
}

/**
 * A DatasetWriter that writes feed rows instead of database rows. The generator refers to
 * what it just wrote by the ids it got back; this hands out running numbers and keeps the
 * source id of the newest account and line, which is all the generator refers back to.
 */
export function feedDatasetWriter(sinks: FeedSinks, outageSourceIds: readonly string[]): DatasetWriter {
  let accountNo = 0;
  let lineNo = 0;
  const accountSource = new Map<number, string>();
  const lineSource = new Map<number, string>();
  return {
    insertAccount(row: AccountRow) {
      accountNo += 1;
      accountSource.clear();
      accountSource.set(accountNo, row[0]);
      sinks.accounts.write(accountFeedRow(row));
      return accountNo;
    },
    insertLine(row: LineRow) {
      lineNo += 1;
      lineSource.clear();
      lineSource.set(lineNo, row[0]);
      const [sourceId, accountId, number, serviceType, rate, status] = row;
      sinks.lines.write({
        source_id: sourceId,
        account_source_id: accountSource.get(accountId),
        number_e164: number,
        service_type: serviceType,
        monthly_rate_minor: rate,
        status,
      });
      return lineNo;
    },
    insertImpact(row: ImpactRow) {
      const [sourceId, outageId, lineId, startsAt, endsAt, lost, connected] = row;
      sinks.impacts.write({
        source_id: sourceId,
        outage_source_id: outageSourceIds[outageId - 1],
        line_source_id: lineSource.get(lineId),
        starts_at: startsAt,
        ...(endsAt ? { ends_at: endsAt } : {}),
        ...(lost !== null ? { lost_minutes: lost } : {}),
        connected_at_start: connected === 1,
      });
    },
  };
}

export interface WriteFeedsOptions {
  readonly accounts: number;
  readonly seed: number;
  readonly format: FeedFormat;
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Writes outages, accounts, lines and impacts feeds of the demo world (the same generator,
 * so the same seed gives the same rows as a generated database) into `dir`.
 */
export function writeGeneratedFeeds(dir: string, options: WriteFeedsOptions): { accounts: number; lines: number } {
  const outages = openFeedFile(dir, 'outages', options.format);
  for (const row of outageFeedRows()) outages.write(row);
  outages.close();
  const sinks: FeedSinks = {
    accounts: openFeedFile(dir, 'accounts', options.format),
    lines: openFeedFile(dir, 'lines', options.format),
    impacts: openFeedFile(dir, 'impacts', options.format),
  };
  // Outage "ids" 1..4 stand for the demo outages in their listed order.
  const ids: OutageIds = { reference: 1, dutch: 2, weather: 3, ongoing: 4 };
  const { lines } = generateAccounts(feedDatasetWriter(sinks, demoOutages.map((o) => o.sourceId)), ids, options);
  sinks.accounts.close();
  sinks.lines.close();
  sinks.impacts.close();
  return { accounts: options.accounts, lines };
}
