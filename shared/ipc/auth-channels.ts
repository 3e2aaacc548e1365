import { z } from 'zod';
import { OperatorIdentity } from '../domain/operator';
import { defineChannel, Empty } from './define';

export const SessionInfo = OperatorIdentity.extend({
  /** ISO-8601 UTC instant at which the session locks if nothing happens. */
  idleLockAt: z.string(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const authChannels = {
  authSignIn: defineChannel({
    input: z.strictObject({
      username: z.string().min(1).max(64),
      password: z.string().min(1).max(256),
    }),
    output: SessionInfo,
    access: 'public',
    auditRefusals: false,
  }),
  authSignOut: defineChannel({ input: Empty, output: Empty, access: 'public', auditRefusals: false }),
  authSession: defineChannel({ input: Empty, output: SessionInfo.nullable(), access: 'public', auditRefusals: false }),
} as const;
