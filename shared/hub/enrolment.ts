import { z } from 'zod';
import { UtcInstant } from '../domain/outage';
import { DesktopId, DesktopSecret } from './auth';

/** A one-time enrolment code: shown once to the admin, typed once on the desktop. */
export const EnrolmentCode = z.string().regex(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
export type EnrolmentCode = z.infer<typeof EnrolmentCode>;

export const DesktopName = z.string().trim().min(1).max(80);

export const CreateEnrolmentRequest = z.strictObject({
  /** What the admin calls the desktop that will use the code, e.g. "Floor 2, seat 14". */
  label: DesktopName,
  validMinutes: z.int().min(5).max(7 * 24 * 60).default(60),
});
export type CreateEnrolmentRequest = z.infer<typeof CreateEnrolmentRequest>;

export const CreateEnrolmentResponse = z.object({ code: EnrolmentCode, label: z.string(), expiresAt: UtcInstant });
export type CreateEnrolmentResponse = z.infer<typeof CreateEnrolmentResponse>;

export const EnrolRequest = z.strictObject({ code: EnrolmentCode, name: DesktopName });
export type EnrolRequest = z.infer<typeof EnrolRequest>;

/** The secret is in this answer and nowhere else, ever: the hub stores only its hash. */
export const EnrolResponse = z.object({ desktopId: DesktopId, desktopSecret: DesktopSecret, name: z.string() });
export type EnrolResponse = z.infer<typeof EnrolResponse>;

export const DesktopView = z.object({
  desktopId: DesktopId,
  name: z.string(),
  label: z.string(),
  enrolledAt: UtcInstant,
  lastSeenAt: UtcInstant.nullable(),
  revokedAt: UtcInstant.nullable(),
  lastAppliedSeq: z.int().min(0),
});
export type DesktopView = z.infer<typeof DesktopView>;

export const RevokeDesktopRequest = z.strictObject({ desktopId: DesktopId });
export type RevokeDesktopRequest = z.infer<typeof RevokeDesktopRequest>;
