import { z } from 'zod';
import { CarrierTable } from '../hub/changes';
import { DesktopName, EnrolmentCode } from '../hub/enrolment';
import { CreateIntegrationTokenResponse, IntegrationLabel, IntegrationTokenView } from '../hub/screen-pop';
import { admins, defineChannel, Empty, staff } from './define';

export const HubStatus = z.object({
  /** standalone: no hub configured; the rest only on a desktop with a hub. */
  mode: z.enum(['standalone', 'hub', 'invalid_config']),
  enrolled: z.boolean(),
  desktopName: z.string().nullable(),
  /** Signed in at the hub and its last call answered. */
  online: z.boolean(),
  pendingOperations: z.int().min(0),
  /** Where this desktop's standalone history (its own override requests and audit chain) went when it joined the hub. */
  archive: z
    .object({ path: z.string(), archivedAt: z.string(), overrideRequests: z.int().min(0), auditEvents: z.int().min(0) })
    .nullable(),
  /**
   * A new desktop loading the hub's carrier data (its snapshot), per table rows loaded of the
   * total; `searchReady` once the accounts are searchable. Null when no load ran since start.
   */
  snapshot: z
    .object({
      state: z.enum(['loading', 'done', 'failed']),
      searchReady: z.boolean(),
      tables: z.array(z.object({ table: CarrierTable, loaded: z.int().min(0), total: z.int().min(0) })),
    })
    .nullable(),
});
export type HubStatus = z.infer<typeof HubStatus>;

export const hubChannels = {
  /** Joins this desktop to the configured hub with a one-time code an admin made there. */
  hubEnrol: defineChannel({
    input: z.strictObject({ code: EnrolmentCode, name: DesktopName }),
    output: z.object({ desktopName: z.string() }),
    access: admins,
    auditRefusals: true,
  }),
  hubStatus: defineChannel({ input: Empty, output: HubStatus, access: staff, auditRefusals: false }),
  /** The phone system's screen-pop tokens at the hub (listed without the tokens themselves). */
  hubIntegrationTokensList: defineChannel({ input: Empty, output: z.array(IntegrationTokenView), access: admins, auditRefusals: true }),
  /** Makes one at the hub; the answer carries the token, shown to the admin this once. Audited at the hub. */
  hubIntegrationTokenCreate: defineChannel({
    input: z.strictObject({ label: IntegrationLabel }),
    output: CreateIntegrationTokenResponse,
    access: admins,
    auditRefusals: true,
  }),
  /** Revokes one at the hub: the phone system's next screen-pop with it is refused. Audited at the hub. */
  hubIntegrationTokenRevoke: defineChannel({
    input: z.strictObject({ id: z.int().positive() }),
    output: IntegrationTokenView,
    access: admins,
    auditRefusals: true,
  }),
} as const;
