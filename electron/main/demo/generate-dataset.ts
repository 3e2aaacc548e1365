import type Database from 'better-sqlite3';
import { foldText } from '@shared/domain/text';
import { normalizePostalCode } from '@shared/search/normalize-postal-code';
import { hasAccounts, rebuildAccountsFts, suspendIndexesAndTriggers } from '../db/bulk-load-repo';
import { prepareDatasetWriter, upsertOutage, type DatasetWriter } from './dataset-repo';
import { demoOutages, dutchOutage, ongoingOutage, referenceOutage, weatherOutage } from './demo-outages';
import {
  businessSuffixesNl,
  businessSuffixesUs,
  nlFirstNames,
  nlInfixes,
  nlLastNames,
  nlProvinces,
  postcodeLetters,
  usFirstNames,
  usLastNames,
  usStates,
} from './demo-vocabulary';
import { createRng, pickWeighted, type Rng } from './prng';
import { demoAccounts, type DemoAccount } from './demo-accounts';

export interface GenerateOptions {
  readonly accounts: number;
  readonly seed: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Fixed so that the same seed gives byte-identical data whenever it is generated. */
const GENERATED_AT = '2024-03-01T00:00:00.000Z';
const PROGRESS_EVERY = 10_000;
const POSTCODE_LETTERS = [...postcodeLetters];
const MINUTE = 60_000;

/** Lines per postpaid account, 1 to 5; with mostly single-line prepaid, about 2 per account overall. */
const LINE_COUNT_WEIGHTS = [30, 30, 20, 12, 8];

const usRates = { voice: [3500, 4000, 5000, 6500, 7500, 8500], data: [1000, 1500, 2000], home: [5500, 6500, 8000], prepaid: [2500, 3000, 4000] };
const nlRates = { voice: [1500, 2000, 2750, 3500, 4650], data: [1000, 1250], home: [4500, 5500], prepaid: [1000, 1500] };

export interface OutageIds {
  readonly reference: number;
  readonly dutch: number;
  readonly weather: number;
  readonly ongoing: number;
}

interface Counters {
  lines: number;
  impacts: number;
  nlNumbers: number;
  readonly usNumbers: Map<string, number>;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

const instants = new Map<string, Map<number, string>>();

/** Memoised: about a million impacts use a few thousand distinct instants. */
function addMinutes(iso: string, minutes: number): string {
  let byOffset = instants.get(iso);
  if (!byOffset) {
    byOffset = new Map();
    instants.set(iso, byOffset);
  }
  let instant = byOffset.get(minutes);
  if (instant === undefined) {
    instant = new Date(Date.parse(iso) + minutes * MINUTE).toISOString();
    byOffset.set(minutes, instant);
  }
  return instant;
}

function emailLocalPart(name: string): string {
  return foldText(name).replace(/[^a-z0-9]+/g, '.').replace(/^\.|\.$/g, '');
}

interface LinePlan {
  readonly number: string;
  readonly serviceType: 'wireless_voice' | 'wireless_data' | 'home_internet';
  readonly rate: number;
}

function nextUsNumber(counters: Counters, areaCode: string): string {
  // Subscriber numbers from 200-0000 up: valid NANP, and clear of the 555 numbers the
  // fixed demo accounts use.
  const used = counters.usNumbers.get(areaCode) ?? 0;
  counters.usNumbers.set(areaCode, used + 1);
  return `+1${areaCode}${2_000_000 + used}`;
}

function nextNlNumber(counters: Counters): string {
  counters.nlNumbers += 1;
  return `+316${20_000_000 + counters.nlNumbers}`;
}

function generateAccount(
  rng: Rng,
  index: number,
  writer: DatasetWriter,
  outages: OutageIds,
  counters: Counters,
): void {
  const dutch = rng.chance(0.12);
  const brand = !dutch && rng.chance(0.18) ? 'cricket' : 'att';
  const segment = brand === 'att' && rng.chance(dutch ? 0.15 : 0.12) ? 'business' : 'consumer';
  const paymentType = brand === 'cricket' || (segment === 'consumer' && rng.chance(dutch ? 0.1 : 0.15)) ? 'prepaid' : 'postpaid';
  const statusRoll = rng.next();
  const status = statusRoll < 0.92 ? 'active' : statusRoll < 0.97 ? 'suspended' : 'closed';

  let holderName: string;
  let emailName: string;
  let region: string;
  let postalCode: string;
  let areaCode = '';
  let language: string;
  if (dutch) {
    const first = rng.pick(nlFirstNames);
    const infix = rng.pick(nlInfixes);
    const last = rng.pick(nlLastNames);
    const surname = infix ? `${infix} ${last}` : last;
    holderName = segment === 'business' ? `${infix ? `${infix[0]?.toUpperCase()}${infix.slice(1)} ${last}` : last} ${rng.pick(businessSuffixesNl)}` : `${first} ${surname}`;
    emailName = segment === 'business' ? holderName : `${first} ${surname}`;
    const province = rng.pick(nlProvinces);
    region = province.code;
    postalCode = `${rng.pick(province.postcode2)}${pad(rng.int(0, 99), 2)} ${rng.pick(POSTCODE_LETTERS)}${rng.pick(POSTCODE_LETTERS)}`;
    language = rng.chance(0.9) ? 'nl' : 'en';
  } else {
    const first = rng.pick(usFirstNames);
    const last = rng.pick(usLastNames);
    holderName = segment === 'business' ? `${last} ${rng.pick(businessSuffixesUs)}` : `${first} ${last}`;
    emailName = holderName;
    const state = rng.pick(usStates);
    region = state.code;
    postalCode = `${rng.pick(state.zip3)}${pad(rng.int(0, 99), 2)}`;
    areaCode = rng.pick(state.areaCodes);
    language = rng.chance(0.12) ? 'es' : 'en';
  }

  const rates = dutch ? nlRates : usRates;
  const lineCount = paymentType === 'prepaid' ? 1 + (rng.chance(0.1) ? 1 : 0) : 1 + pickWeighted(rng, LINE_COUNT_WEIGHTS);
  const plans: LinePlan[] = [];
  for (let n = 0; n < lineCount; n += 1) {
    const kindRoll = n === 0 ? 0 : rng.next();
    const serviceType = kindRoll < 0.7 ? 'wireless_voice' : kindRoll < 0.9 || paymentType === 'prepaid' ? 'wireless_data' : 'home_internet';
    const rate =
      paymentType === 'prepaid'
        ? rng.pick(rates.prepaid)
        : rng.pick(serviceType === 'wireless_voice' ? rates.voice : serviceType === 'wireless_data' ? rates.data : rates.home);
    plans.push({ number: dutch ? nextNlNumber(counters) : nextUsNumber(counters, areaCode), serviceType, rate });
  }

  const accountNumber = dutch ? `31${pad(index, 10)}` : brand === 'cricket' ? `7${pad(index, 8)}` : `28${pad(index, 10)}`;
  const email = rng.chance(0.95) ? `${emailLocalPart(emailName)}${index}@${rng.pick(dutch ? ['example.nl', 'voorbeeld.nl'] : ['example.com', 'mail.example.net'])}` : '';
  const accountId = writer.insertAccount([
    `A${index}`,
    accountNumber,
    holderName,
    foldText(holderName),
    email,
    foldText(email),
    plans[0]?.number ?? '',
    brand,
    segment,
    paymentType,
    status,
    rng.int(1, 28),
    dutch ? 'EUR' : 'USD',
    plans.reduce((sum, plan) => sum + plan.rate, 0),
    dutch ? 'NL' : 'US',
    region,
    postalCode,
    normalizePostalCode(postalCode),
    language,
    GENERATED_AT,
  ]);

  for (const plan of plans) {
    const lineStatus = status !== 'active' ? status : rng.chance(0.03) ? 'closed' : 'active';
    counters.lines += 1;
    const lineId = writer.insertLine([`L${counters.lines}`, accountId, plan.number, plan.serviceType, plan.rate, lineStatus]);
    generateImpacts(rng, writer, outages, counters, lineId, plan, region, dutch);
  }
}

function impact(
  writer: DatasetWriter,
  counters: Counters,
  outageId: number,
  lineId: number,
  outageStart: string,
  offsetMinutes: number,
  lostMinutes: number | null,
  connected: boolean,
): void {
  counters.impacts += 1;
  const startsAt = addMinutes(outageStart, offsetMinutes);
  const endsAt = lostMinutes === null ? null : addMinutes(outageStart, offsetMinutes + lostMinutes);
  writer.insertImpact([`I${counters.impacts}`, outageId, lineId, startsAt, endsAt, lostMinutes, connected ? 1 : 0]);
}

function generateImpacts(
  rng: Rng,
  writer: DatasetWriter,
  outages: OutageIds,
  counters: Counters,
  lineId: number,
  plan: LinePlan,
  region: string,
  dutch: boolean,
): void {
  const wireless = plan.serviceType !== 'home_internet';
  if (dutch) {
    if ((region === 'NH' || region === 'UT') && rng.chance(0.8)) {
      const offset = rng.int(0, 20);
      const lost = rng.chance(0.85) ? 26 * 60 - offset : rng.int(60, 26 * 60 - offset);
      impact(writer, counters, outages.dutch, lineId, dutchOutage.startsAt, offset, lost, rng.chance(0.95));
    }
    return;
  }
  if (wireless && rng.chance(0.6)) {
    // 685 minutes from first to last restoration; most lines were down for most of it.
    const offset = rng.int(0, 30);
    const lost = rng.chance(0.8) ? rng.int(300, 685 - offset) : rng.int(10, 120);
    impact(writer, counters, outages.reference, lineId, referenceOutage.startsAt, offset, lost, rng.chance(0.9));
  }
  if ((region === 'FL' || region === 'GA' || region === 'SC' || region === 'NC') && rng.chance(0.5)) {
    const offset = rng.int(0, 180);
    impact(writer, counters, outages.weather, lineId, weatherOutage.startsAt, offset, rng.int(60, 2400), rng.chance(0.85));
  }
  if (region === 'TX' && rng.chance(0.3)) {
    impact(writer, counters, outages.ongoing, lineId, ongoingOutage.startsAt, rng.int(0, 60), null, rng.chance(0.9));
  }
}

/**
 * The generation loop alone, into any writer: scripts/write-feeds.ts uses it to write feed
 * files of the same deterministic world instead of database rows.
 */
export function generateAccounts(writer: DatasetWriter, outages: OutageIds, options: GenerateOptions): { lines: number } {
  const rng = createRng(options.seed);
  const counters: Counters = { lines: 0, impacts: 0, nlNumbers: 0, usNumbers: new Map() };
  for (let index = 0; index < options.accounts; index += 1) {
    generateAccount(rng, index, writer, outages, counters);
    if ((index + 1) % PROGRESS_EVERY === 0) options.onProgress?.(index + 1, options.accounts);
  }
  return { lines: counters.lines };
}

/** Inserts the demo outages (once) and returns their ids. */
function ensureDemoOutages(db: Database.Database): OutageIds {
  const ids = demoOutages.map((outage) => upsertOutage(db, outage, GENERATED_AT));
  return { reference: ids[0] as number, dutch: ids[1] as number, weather: ids[2] as number, ongoing: ids[3] as number };
}

/**
 * Fills an empty database with a realistic, deterministic data set: accounts (US and Dutch,
 * AT&T and Cricket, consumer and business, postpaid and prepaid, some suspended or closed),
 * about two lines each, the demo outages, and the impacts linking lines to them.
 * One transaction; on an empty database the indexes and name index are built once at the end.
 */
export function generateDataset(db: Database.Database, options: GenerateOptions): { accounts: number; lines: number } {
  const rng = createRng(options.seed);
  const counters: Counters = { lines: 0, impacts: 0, nlNumbers: 0, usNumbers: new Map() };
  const run = db.transaction(() => {
    const bulk = !hasAccounts(db);
    const restore = bulk ? suspendIndexesAndTriggers(db, ['accounts', 'lines', 'impacts']) : null;
    const outages = ensureDemoOutages(db);
    const writer = prepareDatasetWriter(db);
    for (let index = 0; index < options.accounts; index += 1) {
      generateAccount(rng, index, writer, outages, counters);
      if ((index + 1) % PROGRESS_EVERY === 0) options.onProgress?.(index + 1, options.accounts);
    }
    if (restore) {
      restore();
      rebuildAccountsFts(db);
    }
    options.onProgress?.(options.accounts, options.accounts);
  });
  run.immediate();
  return { accounts: options.accounts, lines: counters.lines };
}

export const DEMO_GENERATED_ACCOUNTS = 2_000;
export const DEMO_SEED = 2024;
const SEEDED_AT = '2024-03-01T00:00:00.000Z';

function minutesBetween(startsAt: string, endsAt: string): number {
  return Math.round((Date.parse(endsAt) - Date.parse(startsAt)) / 60_000);
}

/**
 * Fills an empty database with the demo data: a small generated set plus the well-known
 * `demoAccounts`, each impacted for the whole of its outage. Does nothing when any account
 * exists, so it is safe to call on every start. Returns whether it seeded.
 */
export function seedDemo(db: Database.Database): boolean {
  return db
    .transaction(() => {
      if (hasAccounts(db)) return false;
      generateDataset(db, { accounts: DEMO_GENERATED_ACCOUNTS, seed: DEMO_SEED });
      const outages = ensureDemoOutages(db);
      const writer = prepareDatasetWriter(db);
      Object.values(demoAccounts).forEach((demo: DemoAccount, n) => {
        const accountId = writer.insertAccount([
          `DEMO-A${n + 1}`,
          demo.accountNumber,
          demo.holderName,
          foldText(demo.holderName),
          demo.email,
          foldText(demo.email),
          demo.lines[0]?.numberE164 ?? '',
          demo.brand,
          demo.segment,
          demo.paymentType,
          'active',
          demo.billCycleDay,
          demo.currency,
          demo.lines.reduce((sum, line) => sum + line.monthlyRateMinor, 0),
          demo.country,
          demo.region,
          demo.postalCode,
          normalizePostalCode(demo.postalCode),
          demo.preferredLanguage,
          SEEDED_AT,
        ]);
        const outage = demo.outage === 'reference' ? referenceOutage : dutchOutage;
        const outageId = demo.outage === 'reference' ? outages.reference : outages.dutch;
        demo.lines.forEach((line, l) => {
          const lineId = writer.insertLine([`DEMO-L${n + 1}-${l + 1}`, accountId, line.numberE164, line.serviceType, line.monthlyRateMinor, 'active']);
          const endsAt = outage.endsAt as string;
          writer.insertImpact([`DEMO-I${n + 1}-${l + 1}`, outageId, lineId, outage.startsAt, endsAt, minutesBetween(outage.startsAt, endsAt), 1]);
        });
      });
      return true;
    })
    .immediate();
}
