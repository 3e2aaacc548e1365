import type Database from 'better-sqlite3';
import {
  DEFAULT_PATTERN_THRESHOLDS,
  patternFlags,
  PatternThresholds,
  type PatternFlag,
  type PatternRequest,
} from '@shared/domain/override-patterns';
import type { Currency } from '@shared/domain/account';
import type { LimitByCurrency } from '@shared/domain/override';
import type { Actor } from '@shared/domain/operator';
import { appendAudit } from '../audit/audit-log';
import { cachedStatement } from '../db/statement-cache';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const COLUMNS = `r.id, r.account_id AS accountId, r.created_at AS createdAt, r.amount_minor AS amountMinor, r.kind, r.currency`;
const sql = {
  thresholds: `SELECT thresholds_json FROM override_pattern_settings WHERE id = 1`,
  saveThresholds: `INSERT INTO override_pattern_settings (id, thresholds_json, updated_by, updated_at) VALUES (1, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET thresholds_json = excluded.thresholds_json, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
  ofAgent: `SELECT ${COLUMNS} FROM override_requests r WHERE r.requested_by = ? AND r.created_at >= ? AND r.created_at <= ?`,
  ofAccount: `SELECT ${COLUMNS} FROM override_requests r WHERE r.account_id = ? AND r.created_at >= ? AND r.created_at <= ?`,
  // The same customer: another account with the same e-mail or the same contact phone.
  ofCustomer: `SELECT ${COLUMNS} FROM override_requests r
    WHERE r.account_id IN (
      SELECT o.id FROM accounts me JOIN accounts o ON o.email_norm = me.email_norm WHERE me.id = @account AND me.email_norm <> '' AND o.id <> me.id
      UNION SELECT o.id FROM accounts me JOIN accounts o ON o.contact_phone_e164 = me.contact_phone_e164 WHERE me.id = @account AND me.contact_phone_e164 <> '' AND o.id <> me.id)
      AND r.created_at >= @from AND r.created_at <= @until`,
} as const;

/** The stored thresholds over the defaults; a stored value that is no longer valid gives way to the defaults. */
export function getPatternThresholds(db: Database.Database): PatternThresholds {
  const stored = cachedStatement<[], string>(db, sql.thresholds).pluck().get();
  if (stored === undefined) return DEFAULT_PATTERN_THRESHOLDS;
  const parsed = PatternThresholds.safeParse({ ...DEFAULT_PATTERN_THRESHOLDS, ...(JSON.parse(stored) as object) });
  return parsed.success ? parsed.data : DEFAULT_PATTERN_THRESHOLDS;
}

export function savePatternThresholds(db: Database.Database, thresholds: PatternThresholds, updatedBy: number | null, at: Date): void {
  cachedStatement(db, sql.saveThresholds).run(JSON.stringify(PatternThresholds.parse(thresholds)), updatedBy, at.toISOString());
}

/** An admin's change of the thresholds, in one transaction with its audit event (before and after). */
export function setPatternThresholds(db: Database.Database, actor: Actor, now: Date, next: PatternThresholds): PatternThresholds {
  return db
    .transaction(() => {
      const before = getPatternThresholds(db);
      savePatternThresholds(db, next, actor.operatorId, now);
      const after = getPatternThresholds(db);
      appendAudit(db, { operatorId: actor.operatorId, action: 'override_patterns.changed', target: 'override_patterns:1', before: { ...before }, after: { ...after }, at: now });
      return after;
    })
    .immediate();
}

export interface FlaggedRequest {
  readonly id: string;
  readonly accountId: number;
  readonly requestedById: number;
  readonly createdAt: string;
  readonly amountMinor: number;
  readonly kind: string;
  readonly currency: Currency;
}

/** How far back an agent's history is read for a request filed at `filedMs`: the widest of the rules' windows. */
function agentLookbackMs(t: PatternThresholds): number {
  return Math.max(t.rateRecentHours * HOUR_MS + t.rateBaselineDays * DAY_MS, t.repeatWindowDays * DAY_MS);
}

/**
 * The pattern flags of each request, from its agent's, account's and customer's requests before
 * it. Each agent's history is read once for all of their requests (the rules keep to their own
 * windows, so a wider read changes nothing).
 */
export function flagsOfRequests(db: Database.Database, requests: readonly FlaggedRequest[], caps: LimitByCurrency, t: PatternThresholds): Map<string, PatternFlag[]> {
  const read = (text: string, ...params: unknown[]) => cachedStatement<unknown[], PatternRequest>(db, text).all(...params);
  const byAgent = new Map<number, { from: number; until: string }>();
  for (const request of requests) {
    const from = Date.parse(request.createdAt) - agentLookbackMs(t);
    const seen = byAgent.get(request.requestedById);
    if (!seen) byAgent.set(request.requestedById, { from, until: request.createdAt });
    else byAgent.set(request.requestedById, { from: Math.min(seen.from, from), until: seen.until > request.createdAt ? seen.until : request.createdAt });
  }
  const agentHistory = new Map([...byAgent].map(([agent, w]) => [agent, read(sql.ofAgent, agent, new Date(w.from).toISOString(), w.until)]));
  const flags = new Map<string, PatternFlag[]>();
  for (const request of requests) {
    const windowFrom = new Date(Date.parse(request.createdAt) - t.repeatWindowDays * DAY_MS).toISOString();
    flags.set(
      request.id,
      patternFlags(
        request,
        {
          agentRequests: agentHistory.get(request.requestedById)!,
          accountRequests: read(sql.ofAccount, request.accountId, windowFrom, request.createdAt),
          customerRequests: read(sql.ofCustomer, { account: request.accountId, from: windowFrom, until: request.createdAt }),
          capMinor: caps[request.currency],
        },
        t,
      ),
    );
  }
  return flags;
}
