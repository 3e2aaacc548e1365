import { z } from 'zod';
import { AccountNumber, Currency } from '../domain/account';
import { CreditSource, CreditStatus, IsoDate } from '../domain/credit';
import { Role } from '../domain/operator';
import { DeskOverrideSettings, OverrideRequestView, OverrideSettingsAnyShape } from '../domain/override';
import { PatternThresholds } from '../domain/override-patterns';
import { OutageId, UtcInstant } from '../domain/outage';
import { CreditClaimChange, FaultReportChange } from './evidence-operations';

export const CreditChange = z.object({
  id: z.string(),
  accountNumber: AccountNumber,
  outageId: OutageId,
  amountMinor: z.int(),
  currency: Currency,
  source: CreditSource,
  status: CreditStatus,
  scheduledOn: IsoDate,
  billDate: IsoDate,
  overrideRequestId: z.string().nullable(),
  /** Given for credits a policy paid (a claim's): the desktop keeps the same key, so no second credit is ever written for it. */
  idempotencyKey: z.string().optional(),
  /** The hub's policy id (desktops take hub ids over), for the same credits. */
  policyId: z.int().positive().optional(),
  policyCode: z.string().optional(),
});
export type CreditChange = z.infer<typeof CreditChange>;

/** What a desktop needs to know of an operator: enough to drop a cached offline verifier. */
export const OperatorChange = z.object({
  operatorId: z.int().positive(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  active: z.boolean(),
  /** Signed in with a temporary password, they must choose their own. */
  mustChangePassword: z.boolean().optional(),
  /**
   * When the password was replaced (creation, an admin's reset, the operator's own change), by
   * the hub's clock: a desktop drops the verifier it holds for the operator. Absent on other changes.
   */
  passwordSetAt: UtcInstant.optional(),
  /** The agent's own daily totals per currency (a currency left out follows the site's); absent from an older hub. */
  dailyLimits: z.partialRecord(Currency, z.int().positive()).optional(),
});
export type OperatorChange = z.infer<typeof OperatorChange>;

const position = z.int().positive();

/** The carrier tables a `carrier_batch` entry may name (hub migration 004). */
export const carrierTables = ['accounts', 'lines', 'outages', 'impacts', 'credit_policies', 'outage_policies', 'credits'] as const;
export const CarrierTable = z.enum(carrierTables);
export type CarrierTable = z.infer<typeof CarrierTable>;

/**
 * One site-wide job's write of carrier rows (an import's merge, a policy run's chunk): the rows
 * themselves are read by batch number from the hub, page by page, not carried in the log.
 */
/** A link of a policy version to an outage the batch removed at the hub: by the outage's hub id and the policy's (code, version), as desktops match policies. */
export const RemovedOutagePolicy = z.object({ outageId: z.int().positive(), policyCode: z.string(), policyVersion: z.int().positive() });
export type RemovedOutagePolicy = z.infer<typeof RemovedOutagePolicy>;

export const CarrierBatchChange = z.object({
  batch: z.int().positive(),
  source: z.enum(['import', 'policy_run']),
  runId: z.string(),
  tables: z.array(CarrierTable).min(1),
  /**
   * Rows the batch deleted at the hub, which a desktop that loaded them before deletes too
   * (a row that is gone carries no batch stamp to be read by). The only carrier rows the hub
   * ever deletes are outage_policies links: a policy feed row whose outage list drops an outage.
   * (outage_impacts, which the import also prunes, is the hub's own derived table, not sent.)
   */
  removed: z.object({ outage_policies: z.array(RemovedOutagePolicy) }).optional(),
});
export type CarrierBatchChange = z.infer<typeof CarrierBatchChange>;

/** One entry of the change log: the entity's full new state (a row is never sent as a diff). */
export const Change = z.discriminatedUnion('entity', [
  z.object({ position, entity: z.literal('override_request'), id: z.string(), data: OverrideRequestView }),
  z.object({ position, entity: z.literal('credit'), id: z.string(), data: CreditChange }),
  z.object({ position, entity: z.literal('override_settings'), id: z.literal('site'), data: z.union([DeskOverrideSettings, OverrideSettingsAnyShape]) }),
  z.object({ position, entity: z.literal('pattern_thresholds'), id: z.literal('site'), data: PatternThresholds }),
  z.object({ position, entity: z.literal('operator'), id: z.string(), data: OperatorChange }),
  z.object({ position, entity: z.literal('carrier_batch'), id: z.string(), data: CarrierBatchChange }),
  z.object({ position, entity: z.literal('fault_report'), id: z.string(), data: FaultReportChange }),
  z.object({ position, entity: z.literal('credit_claim'), id: z.string(), data: CreditClaimChange }),
]);
export type Change = z.infer<typeof Change>;
export type ChangeEntity = Change['entity'];

export const MAX_CHANGES_PER_PAGE = 1_000;

/** `GET /v1/changes?since=N&limit=M`; query strings are text, hence the coercion. */
export const ChangesQuery = z.strictObject({
  since: z.coerce.number().pipe(z.int().min(0)),
  limit: z.coerce.number().pipe(z.int().min(1).max(MAX_CHANGES_PER_PAGE)).default(500),
});
export type ChangesQuery = z.infer<typeof ChangesQuery>;

/** Request ids per `requestViews` call (a desktop asks again for more). */
export const MAX_REQUEST_VIEWS = 500;

/**
 * `POST /v1/changes/requests`: the latest change of each of these override requests that the
 * token's operator may see. A shared desktop that removed requests from its cache for another
 * operator's sign-in asks for them back by id, instead of pulling the log from the start.
 */
export const RequestViewsQuery = z.strictObject({
  ids: z.array(z.string().min(1).max(64)).min(1).max(MAX_REQUEST_VIEWS),
});
export type RequestViewsQuery = z.infer<typeof RequestViewsQuery>;

/** Ids the operator may not see (or that do not exist) are simply absent. */
export const RequestViews = z.strictObject({
  changes: z.array(Change.options[0]),
});
export type RequestViews = z.infer<typeof RequestViews>;

/**
 * A page of changes after `since`, in position order, already filtered to what the token's
 * role may see. `cursor` is the position to ask from next (it moves past entries the role may
 * not see too); store it in the same local transaction as the page. `hasMore` says to ask again
 * at once. Positions follow commit order, so a cursor never skips a change committed later.
 */
export const ChangesPage = z.object({
  changes: z.array(Change),
  cursor: z.int().min(0),
  hasMore: z.boolean(),
  head: z.int().min(0),
});
export type ChangesPage = z.infer<typeof ChangesPage>;

/**
 * The Server-Sent Events nudge on `GET /v1/changes/stream`: `event: changed`, `data:` this
 * JSON. A hint only: the desktop pulls when head > its cursor, and pulls on a timer anyway.
 */
export const ChangeNudge = z.object({ head: z.int().min(0) });
export type ChangeNudge = z.infer<typeof ChangeNudge>;
export const CHANGE_NUDGE_EVENT = 'changed';
