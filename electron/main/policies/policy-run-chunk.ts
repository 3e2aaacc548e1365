import type Database from 'better-sqlite3';
import type { Account, Line } from '@shared/domain/account';
import type { Impact, Outage } from '@shared/domain/outage';
import { createAutomaticCreditEvaluator, needsLineDetails, type AutomaticCreditEvaluator } from '@shared/policy/automatic-credits';
import type { DecisionStatus } from '@shared/policy/decision';
import type { Policy } from '@shared/policy/policy-schema';
import { countRunOutcome, emptyRunOutcomes, strongerStatus, type RunOutcomes } from '@shared/policy/run-outcomes';
import { creditFamily, EMPTY_FAMILY, isInFamily, type CreditFamily } from '@shared/policy/revision-adjustment';
import {
  insertCreditsUnlessKeysExist,
  sumAutomaticCreditsBetweenIds,
  listCreditKeysOfOutageForAccounts,
  type CreditKeyRow,
  type NewCreditRow,
} from '../credits/credit-repo';
import { toDomainImpact } from '../outages/outage-repo';
import { touchReason } from '@shared/policy/touch-reason';
import {
  CREDITS,
  listAccountsCompensatedInKind,
  listAccountsTouchedByOutage,
  listCandidateAccountsAfter,
  listCandidateAccountSummariesAfter,
  listImpactsOfCandidates,
  listLinesOfCandidates,
  type RunAccountRow,
  type RunReads,
} from './policy-run-repo';
import type { StoredPolicy } from './stored-policy';

export interface ChunkContext {
  outage: Outage;
  policies: StoredPolicy[];
  /** The run's evaluation instant (main's clock when the run started), ISO UTC. */
  asOf: string;
  /** The UTC date credits are scheduled on. */
  scheduledOn: string;
  nextId: () => string;
  /** The accounts the policies' inclusion rules admit, and those their credits settle (candidateFilter, settledTest). */
  reads: RunReads;
}

interface RunPolicy {
  id: number;
  policy: Policy;
  credits: AutomaticCreditEvaluator;
}

export interface ChunkResult {
  /** Candidate accounts covered (decided, or skipped as settled). */
  accounts: number;
  /** Of those, the accounts whose facts were read and decided (not settled by their credits). */
  decided: number;
  lastAccountId: number;
  /** Credits written; in a preview, the credits a run would write. */
  creditsWritten: number;
  /** The chunk's accounts by outcome, each counted once. */
  outcomes: RunOutcomes;
  /** The amounts of the credits written (or, in a preview, to be written), per currency. */
  amounts: Map<string, { credits: number; amountMinor: number }>;
}

/** What a run keeps from chunk to chunk: the evaluators and the accounts' decoded profiles. */
export interface ChunkRunner {
  /**
   * Decides the next `limit` candidate accounts after `afterId` and writes their credits
   * (the caller holds the transaction), or only counts them when `write` is false (a
   * preview); null when none are left.
   */
  run(db: Database.Database, afterId: number, limit: number, write?: boolean): ChunkResult | null;
}

/** The account fields that come from its profile (PROFILE_COLUMNS). */
type Profile = Pick<Account, 'brand' | 'segment' | 'paymentType' | 'status' | 'country' | 'region' | 'currency' | 'preferredLanguage'>;

function decodeProfile(profile: string): Profile {
  // In PROFILE_COLUMNS order.
  const [brand, segment, paymentType, status, country, region, currency, preferredLanguage] = profile.split('\u001f');
  if (preferredLanguage === undefined) throw new Error(`unexpected account profile ${profile}`);
  return { brand, segment, paymentType, status, country, region, currency, preferredLanguage } as Profile;
}

const NO_LINES: Line[] = [];
const NO_CREDITS: CreditKeyRow[] = [];
// The first character of a RunState (see policy-run-repo).
const OVERRIDE = String(CREDITS.override).charCodeAt(0);
const SETTLED = String(CREDITS.settled).charCodeAt(0);
const SOME = String(CREDITS.some).charCodeAt(0);
const NO_IMPACTS: Impact[] = [];

/** One placeholder line per service type: all the engine reads when no policy needs line details. */
function summaryLines(serviceTypes: string): Line[] {
  if (serviceTypes === '') return NO_LINES;
  return [...new Set(serviceTypes.split(','))].map((serviceType) => ({
    id: 1,
    numberE164: '',
    serviceType: serviceType as Line['serviceType'],
    monthlyRateMinor: 0,
    status: 'closed' as const,
  }));
}

/** Whether the account already has a live credit from an approved override for the outage. */
function hasLiveOverride(credits: readonly CreditKeyRow[], from: number, to: number): boolean {
  for (let i = from; i < to; i += 1) {
    const credit = credits[i]!;
    if (credit[3] === 'override' && credit[2] !== 'reversed') return true;
  }
  return false;
}

/**
 * Builds what every chunk of one run shares. Automatic policies only: the others are
 * credited when the customer asks.
 */
export function createChunkRunner(context: ChunkContext): ChunkRunner {
  const { outage, asOf } = context;
  const policies: RunPolicy[] = context.policies
    .filter(({ policy }) => policy.delivery.mode === 'automatic')
    .map(({ id, policy }) => ({ id, policy, credits: createAutomaticCreditEvaluator(policy, outage, asOf) }));
  const profiles = new Map<string, Profile>();

  const lineDetails = policies.some(({ policy }) => needsLineDetails(policy));
  // By the facts of a summary row (RunAccountSummaryRow): its placeholder lines and whether an impact touched it.
  const lineSummaries = new Map<string, { lines: Line[]; hasImpact: boolean }>();

  function accountOf(id: number, profileText: string, billCycleDay: number, monthlyChargeMinor: number): Account {
    let profile = profiles.get(profileText);
    if (profile === undefined) {
      profile = decodeProfile(profileText);
      profiles.set(profileText, profile);
    }
    // The texts the engine never reads are left empty rather than copied out of SQLite.
    return {
      id,
      accountNumber: '',
      holderName: '',
      email: '',
      contactPhoneE164: '',
      ...profile,
      billCycleDay,
      monthlyChargeMinor,
      postalCode: '',
    };
  }

  return {
    run(db, afterId, limit, write = true) {
      // Each account as (id, lines, impacts, touched by an impact), in id order. An account
      // the SettledTest settles is counted by its outcome, not decided (see settledOutcome).
      const decided: Array<{ account: Account; lines: Line[]; impacts: Impact[]; hasImpact: boolean }> = [];
      const settled: Account[] = [];
      const outcomes = emptyRunOutcomes();
      // The decided accounts that have credits for the outage (the others need none read).
      let firstWithCredits = 0;
      let lastWithCredits = -1;
      /** Whether the row is decided; counts or keeps the others. */
      const toDecide = (row: RunAccountRow): boolean => {
        const [id, profileText, billCycleDay, monthlyChargeMinor, state] = row;
        const kind = state.charCodeAt(0);
        if (kind === OVERRIDE) {
          // A person decided (a live override credit): the run pays nothing more.
          countRunOutcome(outcomes, 'already_credited');
          return false;
        }
        if (kind === SETTLED) {
          settled.push(accountOf(id, profileText, billCycleDay, monthlyChargeMinor));
          return false;
        }
        if (kind === SOME) {
          if (lastWithCredits < 0) firstWithCredits = id;
          lastWithCredits = id;
        }
        return true;
      };
      let accounts: RunAccountRow[];
      if (lineDetails) {
        accounts = listCandidateAccountsAfter(db, context.reads, afterId, limit);
        if (accounts.length === 0) return null;
        const open = accounts.filter(toDecide);
        if (open.length > 0) {
          const first = open[0]![0];
          const last = open[open.length - 1]![0];
          // Both are ordered by account id, so each account's rows are the next run of rows.
          const lines = listLinesOfCandidates(db, context.reads.filter, first, last);
          const impacts = listImpactsOfCandidates(db, context.reads.filter, outage.id, first, last);
          let li = 0;
          let ii = 0;
          for (const [id, profileText, billCycleDay, monthlyChargeMinor] of open) {
            while (li < lines.length && lines[li]![0] < id) li += 1;
            while (ii < impacts.length && impacts[ii]![0] < id) ii += 1;
            let accountLines = NO_LINES;
            if (li < lines.length && lines[li]![0] === id) {
              accountLines = [];
              for (; li < lines.length && lines[li]![0] === id; li += 1) {
                const [, lineId, serviceType, monthlyRateMinor, status] = lines[li]!;
                accountLines.push({ id: lineId, numberE164: '', serviceType, monthlyRateMinor, status });
              }
            }
            let accountImpacts = NO_IMPACTS;
            if (ii < impacts.length && impacts[ii]![0] === id) {
              accountImpacts = [];
              for (; ii < impacts.length && impacts[ii]![0] === id; ii += 1) {
                const [, lineId, startsAt, endsAt, lostMinutes, connectedAtStart] = impacts[ii]!;
                accountImpacts.push(toDomainImpact({ lineId, outageId: outage.id, startsAt, endsAt, lostMinutes, connectedAtStart }, asOf));
              }
            }
            const account = accountOf(id, profileText, billCycleDay, monthlyChargeMinor);
            decided.push({ account, lines: accountLines, impacts: accountImpacts, hasImpact: accountImpacts.length > 0 });
          }
        }
      } else {
        accounts = listCandidateAccountSummariesAfter(db, context.reads, outage.id, afterId, limit);
        if (accounts.length === 0) return null;
        for (const row of accounts) {
          if (!toDecide(row)) continue;
          // "<0 or 2><service types>\u001f<impact: 0 or 1>"
          const state = row[4];
          let summary = lineSummaries.get(state);
          if (summary === undefined) {
            summary = { lines: summaryLines(state.slice(1, -2)), hasImpact: state.endsWith('1') };
            lineSummaries.set(state, summary);
          }
          decided.push({ account: accountOf(row[0], row[1], row[2], row[3]), lines: summary.lines, impacts: NO_IMPACTS, hasImpact: summary.hasImpact });
        }
      }
      const read = accounts.length;
      const firstRead = accounts[0]![0];
      const lastRead = accounts[read - 1]![0];
      const inKind = listAccountsCompensatedInKind(db, outage.id, firstRead, lastRead);
      // A settled account has a live credit under every policy, so each policy that concerns
      // it decides it already credited (automatic-credits.test.ts); none concerning it: not eligible.
      // Whether the outage's impacts touch it is read only for those its region does not bring in.
      const touchedBy = (account: Account, hasImpact: boolean) => policies.some(({ policy }) => touchReason(account, outage, policy, hasImpact) !== null);
      const unsure: Account[] = [];
      for (const account of settled) {
        if (inKind.has(account.id) || touchedBy(account, false)) countRunOutcome(outcomes, 'already_credited');
        else unsure.push(account);
      }
      if (unsure.length > 0) {
        const impacted = listAccountsTouchedByOutage(db, outage.id, unsure.map((a) => a.id));
        for (const account of unsure) countRunOutcome(outcomes, touchedBy(account, impacted.has(account.id)) ? 'already_credited' : 'not_eligible');
      }
      if (decided.length === 0) return { accounts: read, decided: 0, lastAccountId: lastRead, creditsWritten: 0, outcomes, amounts: new Map() };

      const credits = lastWithCredits < 0 ? NO_CREDITS : listCreditKeysOfOutageForAccounts(db, outage.id, firstWithCredits, lastWithCredits);
      let ci = 0;
      const revision = outage.revision ?? 1;
      // The current account's credit rows are credits[from, to): one lookup for the chunk.
      const keys = {
        from: 0,
        to: 0,
        family(baseKey: string): CreditFamily {
          let found = false;
          for (let i = keys.from; i < keys.to && !found; i += 1) found = isInFamily(credits[i]![1], baseKey);
          if (!found) return EMPTY_FAMILY;
          const rows = [];
          for (let i = keys.from; i < keys.to; i += 1) {
            const [, idempotencyKey, status, , amountMinor] = credits[i]!;
            rows.push({ idempotencyKey, status, amountMinor });
          }
          return creditFamily(rows, baseKey, revision);
        },
      };
      const rows: NewCreditRow[] = [];
      for (const { account, lines, impacts, hasImpact } of decided) {
        const id = account.id;
        while (ci < credits.length && credits[ci]![0] < id) ci += 1;
        keys.from = ci;
        while (ci < credits.length && credits[ci]![0] === id) ci += 1;
        keys.to = ci;
        // An approved override already paid (or compensated in kind) this account for the outage, whatever key it has
        // (a goodwill credit under a per-line policy is keyed by the account, the automatic
        // ones by line): a person decided, so the run pays nothing more.
        if (hasLiveOverride(credits, keys.from, keys.to) || inKind.has(id)) {
          countRunOutcome(outcomes, 'already_credited');
          continue;
        }
        let status: DecisionStatus = 'not_eligible';
        for (const { id: policyId, policy, credits: automaticCredits } of policies) {
          if (touchReason(account, outage, policy, hasImpact) === null) continue;
          const result = automaticCredits({ account, lines, impacts, hasImpact, family: keys.family });
          status = strongerStatus(status, result.status);
          for (const credit of result.credits) {
            rows.push([
              context.nextId(),
              id,
              credit.lineId,
              outage.id,
              policyId,
              credit.amountMinor,
              policy.currency,
              'automatic',
              'scheduled',
              context.scheduledOn,
              credit.billDate,
              credit.idempotencyKey,
              asOf,
              credit.kind === 'adjustment' ? 'outage_revised' : null,
              credit.kind === 'adjustment' ? revision : null,
            ]);
          }
        }
        countRunOutcome(outcomes, status);
      }
      const creditsWritten = write ? insertCreditsUnlessKeysExist(db, rows) : rows.length;
      const amounts = new Map<string, { credits: number; amountMinor: number }>();
      if (creditsWritten === rows.length) {
        for (const row of rows) {
          const currency = row[6];
          const sum = amounts.get(currency) ?? { credits: 0, amountMinor: 0 };
          sum.credits += 1;
          sum.amountMinor += row[5];
          amounts.set(currency, sum);
        }
      } else {
        // A key existed (written meanwhile): what was stored, read back over the chunk's ids (monotonic in a run).
        for (const { currency, credits, amountMinor } of sumAutomaticCreditsBetweenIds(db, outage.id, asOf, rows[0]![0], rows[rows.length - 1]![0])) {
          amounts.set(currency, { credits, amountMinor });
        }
      }
      return { accounts: read, decided: decided.length, lastAccountId: lastRead, creditsWritten, outcomes, amounts };
    },
  };
}
