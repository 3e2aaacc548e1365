import { z } from 'zod';
import { InterfaceLocale, OperatorIdentity } from '../domain/operator';
import { defineChannel, Empty, staff } from './define';

export const SessionInfo = OperatorIdentity.extend({
  /** ISO-8601 UTC instant at which the session locks if nothing happens. */
  idleLockAt: z.string(),
  /** Signed in with a temporary password: main refuses everything but choosing a new one. */
  mustChangePassword: z.boolean(),
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
  /** The signed-in operator's own interface language, kept on their operator row; answers the updated session. */
  operatorSetLocale: defineChannel({
    input: z.strictObject({ locale: InterfaceLocale }),
    output: SessionInfo,
    access: staff,
    auditRefusals: true,
  }),
} as const;
