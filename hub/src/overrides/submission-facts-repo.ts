import type { AmountsByCurrency, ExistingCreditFacts } from '@shared/domain/override';
import type { Currency } from '@shared/domain/account';
import type { Tx } from '../db/transaction';
import { STATUTE_ATTACHED } from './override-repo';

export interface SubmissionFacts {
  /** The account has an impact record for the outage. */
  readonly accountHasImpact: boolean;
  readonly openRequestId: string | null;
  readonly credits: ExistingCreditFacts;
  /** Approved for the requester in [from, to), per currency, over every desktop. */
  readonly agentApprovedToday: AmountsByCurrency;
  /** The agent's own daily totals per currency, where an admin set one over the site's. */
  readonly agentOwnDailyLimits: AmountsByCurrency;
  /** A statutory rule set is attached to the outage: the legal floor needs the account's case. */
  readonly statuteAttached: boolean;
}

/**
 * What the submission rules need to know about the account, the outage and the agent, in one
 * round trip (the account is locked by the caller first, so none of it moves meanwhile). The
 * same facts the separate repository reads give; the rules stay in shared/domain/override-rules.
 */
export async function readSubmissionFacts(
  tx: Tx,
  scope: { accountId: number; outageId: number; requestedBy: number; from: string; to: string },
): Promise<SubmissionFacts> {
  const { rows } = await tx.query<{
    touched: boolean;
    openId: string | null;
    liveCount: number;
    liveMinor: number;
    approved: Array<{ currency: Currency; total: number }> | null;
    ownLimits: Array<{ currency: Currency; minor: number }> | null;
    statuteAttached: boolean;
  }>(
    `SELECT
       EXISTS (SELECT 1 FROM outage_impacts WHERE account_id = $1 AND outage_id = $2) AS touched,
       (SELECT id FROM override_requests WHERE account_id = $1 AND outage_id = $2 AND status = 'pending' LIMIT 1) AS "openId",
       (SELECT count(*)::int FROM credits WHERE account_id = $1 AND outage_id = $2 AND status <> 'reversed') AS "liveCount",
       (SELECT coalesce(sum(amount_minor), 0)::float8 FROM credits WHERE account_id = $1 AND outage_id = $2 AND status <> 'reversed') AS "liveMinor",
       (SELECT json_agg(json_build_object('currency', currency, 'total', total)) FROM (
          SELECT currency, sum(amount_minor)::float8 AS total FROM override_requests
          WHERE requested_by = $3 AND status = 'approved' AND decided_at >= $4 AND decided_at < $5 GROUP BY currency) approved) AS approved,
       (SELECT json_agg(json_build_object('currency', currency, 'minor', daily_total_minor)) FROM operator_daily_limits
          WHERE operator_id = $3) AS "ownLimits",
       ${STATUTE_ATTACHED('$2')} AS "statuteAttached"`,
    [scope.accountId, scope.outageId, scope.requestedBy, scope.from, scope.to],
  );
  const row = rows[0]!;
  return {
    accountHasImpact: row.touched,
    openRequestId: row.openId,
    credits: { liveCreditCount: row.liveCount, liveCreditMinor: row.liveMinor },
    agentApprovedToday: Object.fromEntries((row.approved ?? []).map((each) => [each.currency, each.total])),
    agentOwnDailyLimits: Object.fromEntries((row.ownLimits ?? []).map((each) => [each.currency, each.minor])),
    statuteAttached: row.statuteAttached,
  };
}
