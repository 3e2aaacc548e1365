import { z } from 'zod';
import { InterfaceLocale, type Role } from '../domain/operator';
import { AuditQuery, HubAuditEvent } from './audit';
import { CarrierBatchPage, CarrierBatchQuery } from './carrier';
import { billingExportRoutes } from './billing-export';
import { SessionState, SignInRequest, SignInResponse } from './auth';
import { ChangesPage, ChangesQuery, RequestViews, RequestViewsQuery } from './changes';
import { DashboardFigures } from '../ipc/dashboard-channels';
import {
  CreateEnrolmentRequest,
  CreateEnrolmentResponse,
  DesktopView,
  EnrolRequest,
  EnrolResponse,
  RevokeDesktopRequest,
} from './enrolment';
import { PushRequest, PushResponse } from './operations';
import { operatorRoutes } from './operators';
import { importRoutes } from './imports';
import { policyRunRoutes } from './policy-runs';
import { siteSettingsRoutes } from './site-settings';
import { CreateIntegrationTokenRequest, CreateIntegrationTokenResponse, IntegrationTokenView, RevokeIntegrationTokenRequest } from './screen-pop';

/**
 * Who may call a route: `enrolment` needs only a valid one-time code, `desktop` a desktop
 * credential in the body (sign-in), a role list a session token of one of those roles.
 */
export type HubAccess = 'enrolment' | 'desktop' | readonly Role[];

export interface HubRoute {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly access: HubAccess;
  /** The JSON body (POST) or the query string (GET). */
  readonly input: z.ZodType;
  /** The 200 answer's body. Errors are `HubErrorBody` with a status from the code. */
  readonly output: z.ZodType;
}

const staff = ['agent', 'supervisor', 'admin'] as const;
const Empty = z.strictObject({});

/** Every hub endpoint, declared once, for the hub's router and the desktop's client alike. */
export const hubRoutes = {
  enrol: { method: 'POST', path: '/v1/enrol', access: 'enrolment', input: EnrolRequest, output: EnrolResponse },
  signIn: { method: 'POST', path: '/v1/sign-in', access: 'desktop', input: SignInRequest, output: SignInResponse },
  session: { method: 'GET', path: '/v1/session', access: staff, input: Empty, output: SessionState },
  signOut: { method: 'POST', path: '/v1/sign-out', access: staff, input: Empty, output: Empty },
  /** The signed-in operator's own interface language, kept at the hub so it follows them to every desktop. */
  setOwnLocale: {
    method: 'POST',
    path: '/v1/me/locale',
    access: staff,
    input: z.strictObject({ locale: InterfaceLocale }),
    output: z.strictObject({ locale: InterfaceLocale }),
  },
  push: { method: 'POST', path: '/v1/operations', access: staff, input: PushRequest, output: PushResponse },
  changes: { method: 'GET', path: '/v1/changes', access: staff, input: ChangesQuery, output: ChangesPage },
  /** The latest visible change of named override requests (an operator switch's refill, changes.ts). */
  requestViews: { method: 'POST', path: '/v1/changes/requests', access: staff, input: RequestViewsQuery, output: RequestViews },
  /** One page of one carrier batch's rows of one table (shared/hub/carrier.ts); carrier data is every role's. */
  carrierBatch: { method: 'GET', path: '/v1/carrier/batch', access: staff, input: CarrierBatchQuery, output: CarrierBatchPage },
  audit: { method: 'GET', path: '/v1/audit', access: ['supervisor', 'admin'], input: AuditQuery, output: z.array(HubAuditEvent) },
  /** The supervisor's and admin's home, computed from the hub's own tables by the shared rules (shared/dashboard/dashboard-figures.ts). */
  dashboard: { method: 'GET', path: '/v1/dashboard', access: ['supervisor', 'admin'], input: Empty, output: DashboardFigures },
  createEnrolment: {
    method: 'POST',
    path: '/v1/admin/enrolment-codes',
    access: ['admin'],
    input: CreateEnrolmentRequest,
    output: CreateEnrolmentResponse,
  },
  listDesktops: { method: 'GET', path: '/v1/admin/desktops', access: ['admin'], input: Empty, output: z.array(DesktopView) },
  revokeDesktop: { method: 'POST', path: '/v1/admin/desktops/revoke', access: ['admin'], input: RevokeDesktopRequest, output: DesktopView },
  ...policyRunRoutes,
  /** The site's override limits and flag thresholds, changed by an admin (site-settings.ts). */
  ...siteSettingsRoutes,
  /** Feed import at the hub from the desktop's import screen (imports.ts); the files' bytes go by IMPORT_UPLOAD_PATH. */
  ...importRoutes,
  /** The phone system's tokens for screen-pop (screen-pop.ts): created (shown once), listed, revoked by an admin. */
  createIntegrationToken: {
    method: 'POST',
    path: '/v1/admin/integration-tokens',
    access: ['admin'],
    input: CreateIntegrationTokenRequest,
    output: CreateIntegrationTokenResponse,
  },
  listIntegrationTokens: { method: 'GET', path: '/v1/admin/integration-tokens', access: ['admin'], input: Empty, output: z.array(IntegrationTokenView) },
  revokeIntegrationToken: {
    method: 'POST',
    path: '/v1/admin/integration-tokens/revoke',
    access: ['admin'],
    input: RevokeIntegrationTokenRequest,
    output: IntegrationTokenView,
  },
  ...billingExportRoutes,
  /** Operators at the hub, managed by its admins, and every operator's own password (operators.ts). */
  ...operatorRoutes,
} as const satisfies Record<string, HubRoute>;

export type HubRouteName = keyof typeof hubRoutes;

/** The Server-Sent Events stream of nudges (`ChangeNudge`); session token as on every route. */
export const CHANGE_STREAM_PATH = '/v1/changes/stream';
export const changeStreamAccess = staff;

/** Bodies above this are refused with PAYLOAD_TOO_LARGE before they are parsed. */
export const HUB_BODY_LIMIT_BYTES = 256 * 1024;
