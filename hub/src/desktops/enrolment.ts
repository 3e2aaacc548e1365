import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type {
  CreateEnrolmentRequest,
  CreateEnrolmentResponse,
  DesktopView,
  EnrolRequest,
  EnrolResponse,
  RevokeDesktopRequest,
} from '@shared/hub/enrolment';
import { appendAudit } from '../audit/audit-repo';
import type { Caller } from '../auth/caller';
import { HubFailure } from '../common/hub-failure';
import { newEnrolmentCode, newSecret, secretHash } from '../common/secrets';
import { inTransaction } from '../db/transaction';
import { findDesktop, insertDesktop, listDesktops, revokeDesktop, toDesktopView } from './desktop-repo';
import { insertEnrolmentCode, markEnrolmentCodeUsed, takeEnrolmentCode } from './enrolment-repo';

/** An admin makes a one-time code for one desktop; the hub keeps only its hash. */
export async function createEnrolmentCode(pool: pg.Pool, caller: Caller, request: CreateEnrolmentRequest, now: Date): Promise<CreateEnrolmentResponse> {
  const code = newEnrolmentCode();
  const expiresAt = new Date(now.getTime() + request.validMinutes * 60_000);
  await inTransaction(pool, async (tx) => {
    await insertEnrolmentCode(tx, { codeHash: secretHash(code), label: request.label, createdBy: caller.operator.operatorId, createdAt: now, expiresAt });
    await appendAudit(tx, {
      at: now,
      operatorId: caller.operator.operatorId,
      desktopId: caller.desktopId,
      action: 'enrolment_code.created',
      target: `enrolment_code:${request.label}`,
      before: null,
      after: { label: request.label, expiresAt: expiresAt.toISOString() },
    });
  });
  return { code, label: request.label, expiresAt: expiresAt.toISOString() };
}

/** A desktop trades a valid code, once, for its id and secret. */
export async function enrol(pool: pg.Pool, request: EnrolRequest, now: Date): Promise<EnrolResponse> {
  const codeHash = secretHash(request.code);
  const desktopId = randomUUID();
  const desktopSecret = newSecret('ocdd_');
  await inTransaction(pool, async (tx) => {
    const code = await takeEnrolmentCode(tx, codeHash, now);
    if (!code) throw new HubFailure('ENROLMENT_CODE_INVALID');
    await insertDesktop(tx, { id: desktopId, name: request.name, label: code.label, secretHash: secretHash(desktopSecret), enrolledAt: now });
    await markEnrolmentCodeUsed(tx, codeHash, desktopId, now);
    await appendAudit(tx, {
      at: now,
      operatorId: null,
      desktopId,
      action: 'desktop.enrolled',
      target: `desktop:${desktopId}`,
      before: null,
      after: { name: request.name, label: code.label },
    });
  });
  return { desktopId, desktopSecret, name: request.name };
}

export async function listEnrolledDesktops(pool: pg.Pool): Promise<DesktopView[]> {
  return (await listDesktops(pool)).map(toDesktopView);
}

/** Revoking ends every session of the desktop at once: each request checks the desktop's state. */
export async function revokeEnrolledDesktop(pool: pg.Pool, caller: Caller, request: RevokeDesktopRequest, now: Date): Promise<DesktopView> {
  return inTransaction(pool, async (tx) => {
    const before = await findDesktop(tx, request.desktopId);
    if (!before) throw new HubFailure('NOT_FOUND');
    await revokeDesktop(tx, request.desktopId, now);
    const after = (await findDesktop(tx, request.desktopId))!;
    if (!before.revokedAt) {
      await appendAudit(tx, {
        at: now,
        operatorId: caller.operator.operatorId,
        desktopId: caller.desktopId,
        action: 'desktop.revoked',
        target: `desktop:${request.desktopId}`,
        before: { revokedAt: null },
        after: { revokedAt: after.revokedAt },
      });
    }
    return toDesktopView(after);
  });
}
