import type { ChannelInput, ChannelOutput } from '@shared/ipc/channels';
import type { OperatorList, OperatorView } from '@shared/ipc/operator-channels';
import { err, ok, type Result } from '@shared/ipc/result';
import type { AuthService } from '../auth/auth-service';
import type { HubClientError } from '../hub-sync/hub-client';
import { hubFailure } from '../hub-sync/hub-results';
import type { HubCall, HubSync } from '../hub-sync/hub-sync';

/*
 * The operator channels of a desktop enrolled at a hub: operators live at the hub, so each call
 * goes there as the signed-in operator (the hub checks the admin role and the shared rules) and
 * its answer is the channel's own shape, with the hub's operator ids. Nothing is queued: without
 * the hub the call is refused as every needs-hub channel is. Operators' changes reach this
 * cache by the change log (apply-changes.ts).
 */

const needsHub = () => err('HUB_UNAVAILABLE', { details: { reason: 'needs_hub' } });

function failed(error: HubClientError) {
  switch (error.code) {
    case 'HUB_UNREACHABLE':
    case 'UNAVAILABLE':
      return needsHub();
    // The hub's refusals about the operator or the input, as the standalone channels give them.
    case 'CONFLICT':
      return err('CONFLICT', error.details ? { details: error.details } : {});
    case 'NOT_FOUND':
      return err('NOT_FOUND');
    // The hub ended this session (deactivated, reset, role changed meanwhile).
    case 'NOT_SIGNED_IN':
    case 'TOKEN_EXPIRED':
      return err('NOT_SIGNED_IN');
    default:
      return hubFailure(error);
  }
}

async function answer<T>(call: Promise<HubCall<T>>): Promise<Result<T>> {
  const result = await call;
  return result.ok ? ok(result.value) : failed(result.error);
}

/** The operator use cases of an enrolled desktop, each at the hub (the IPC layer hands channels here). */
export interface HubOperatorAdmin {
  list(): Promise<Result<OperatorList>>;
  create(input: ChannelInput<'operatorsCreate'>): Promise<Result<OperatorView>>;
  setRole(input: ChannelInput<'operatorsSetRole'>): Promise<Result<OperatorView>>;
  setDailyLimit(input: ChannelInput<'operatorsSetDailyLimit'>): Promise<Result<OperatorView>>;
  setActive(input: ChannelInput<'operatorsSetActive'>): Promise<Result<OperatorView>>;
  resetPassword(input: ChannelInput<'operatorsResetPassword'>): Promise<Result<OperatorView>>;
  changeOwnPassword(operatorId: number, input: ChannelInput<'operatorChangeOwnPassword'>, now: Date): Promise<Result<ChannelOutput<'operatorChangeOwnPassword'>>>;
}

export function createHubOperatorAdmin(sync: HubSync, auth: AuthService): HubOperatorAdmin {
  return {
    list: () => answer(sync.callAsOperator('operatorsList', {})),
    create: (input) => answer(sync.callAsOperator('operatorsCreate', input)),
    setRole: (input) => answer(sync.callAsOperator('operatorsSetRole', input)),
    setDailyLimit: (input) => answer(sync.callAsOperator('operatorsSetDailyLimit', input)),
    setActive: (input) => answer(sync.callAsOperator('operatorsSetActive', input)),
    resetPassword: (input) => answer(sync.callAsOperator('operatorsResetPassword', input)),
    async changeOwnPassword(operatorId, input, now) {
      const changed = await sync.changeOwnPassword(input.currentPassword, input.newPassword);
      if (!changed.ok) {
        // Wrong current passwords count at the hub; its lock-out ends the session here too, as standalone.
        if (changed.error.code === 'OPERATOR_LOCKED') {
          auth.signOut();
          sync.signOut();
        }
        return failed(changed.error);
      }
      const session = auth.ownPasswordChangedElsewhere(operatorId, now);
      return session ? ok(session) : err('NOT_SIGNED_IN');
    },
  };
}
