import type pg from 'pg';
import { listAudit } from '../audit/audit-repo';
import { setOwnLocale } from '../auth/own-locale';
import { billingExportHandlers } from '../billing-export/export-handlers';
import { sessionState, signIn, signOut, type SignInGuard } from '../auth/sign-in';
import { readCarrierBatchPage } from '../carrier/carrier-snapshot';
import { readChangesPage, readRequestViews } from '../changes/read-changes';
import { readHubDashboard } from '../dashboard/dashboard-repo';
import { createEnrolmentCode, enrol, listEnrolledDesktops, revokeEnrolledDesktop } from '../desktops/enrolment';
import type { HubHandlers } from '../http/register-routes';
import { createIntegrationToken, listTokens, revokeToken } from '../integrations/integration-tokens';
import { pushOperations } from '../operations/push';
import { operatorHandlers } from '../operators/operator-handlers';
import type { HubImports } from '../feeds/hub-imports';
import { importHandlers } from '../feeds/import-handlers';
import type { HubPolicyRuns } from '../policies/policy-runs';
import { policyRunHandlers } from '../policies/policy-run-handlers';
import { setSiteOverrideSettings, setSitePatternThresholds } from '../overrides/site-settings';

/** Each route handed to its use case; the caller comes from the token (context), never the input. */
export function hubHandlers(pool: pg.Pool, signInGuard: SignInGuard, policyRuns: HubPolicyRuns, imports: HubImports): HubHandlers {
  return {
    enrol: (input, { now }) => enrol(pool, input, now),
    signIn: (input, { address, now }) => signIn(pool, signInGuard, input, address, now),
    session: (_input, { caller }) => sessionState(pool, caller),
    signOut: (_input, { caller, now }) => signOut(pool, caller, now),
    setOwnLocale: (input, { caller, now }) => setOwnLocale(pool, caller, input, now),
    push: (input, { caller, now }) => pushOperations(pool, caller, input, now),
    changes: (input, { caller }) => readChangesPage(pool, caller.operator, input),
    requestViews: (input, { caller }) => readRequestViews(pool, caller.operator, input),
    carrierBatch: (input) => readCarrierBatchPage(pool, input),
    audit: (input) => listAudit(pool, input),
    dashboard: (_input, { now }) => readHubDashboard(pool, now),
    createEnrolment: (input, { caller, now }) => createEnrolmentCode(pool, caller, input, now),
    listDesktops: () => listEnrolledDesktops(pool),
    revokeDesktop: (input, { caller, now }) => revokeEnrolledDesktop(pool, caller, input, now),
    ...policyRunHandlers(policyRuns, pool),
    overrideSettingsSet: (input, { caller, now }) => setSiteOverrideSettings(pool, caller, input, now),
    patternThresholdsSet: (input, { caller, now }) => setSitePatternThresholds(pool, caller, input, now),
    createIntegrationToken: (input, { caller, now }) => createIntegrationToken(pool, caller, input, now),
    listIntegrationTokens: () => listTokens(pool),
    revokeIntegrationToken: (input, { caller, now }) => revokeToken(pool, caller, input, now),
    ...billingExportHandlers(pool),
    ...operatorHandlers(pool, signInGuard.passwordCost),
    ...importHandlers(imports),
  };
}
