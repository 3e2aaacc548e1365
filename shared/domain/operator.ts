import { z } from 'zod';

export const roles = ['agent', 'supervisor', 'admin'] as const;
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

/** The interface languages an operator can choose; the catalog and Intl formatting follow it. */
export const interfaceLocales = ['en-US', 'nl-NL'] as const;
export const InterfaceLocale = z.enum(interfaceLocales);
export type InterfaceLocale = z.infer<typeof InterfaceLocale>;

/** Who an operator is, as a session (on the desktop or at the hub) shows them. */
export const OperatorIdentity = z.object({
  operatorId: z.int().positive(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  locale: z.string(),
  timeZone: z.string(),
});
export type OperatorIdentity = z.infer<typeof OperatorIdentity>;

/** The operator a call acts for; set by main from the session, never from the renderer. */
export interface Actor {
  readonly operatorId: number;
  readonly username: string;
  readonly role: Role;
}
