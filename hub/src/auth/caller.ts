import type { OperatorIdentity } from '@shared/domain/operator';

/** Who a request acts for: taken from the session token, never from the body. */
export interface Caller {
  readonly operator: OperatorIdentity;
  readonly desktopId: string;
  readonly expiresAt: Date;
  readonly tokenHash: string;
  /** Signed in with a temporary password the operator has not replaced yet. */
  readonly mustChangePassword?: boolean;
}
