import { z } from 'zod';

export const roles = ['agent', 'supervisor', 'admin'] as const;
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

/** The operator a call acts for; set by main from the session, never from the renderer. */
export interface Actor {
  readonly operatorId: number;
  readonly username: string;
  readonly role: Role;
}
