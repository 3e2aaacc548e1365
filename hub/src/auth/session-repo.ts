import type pg from 'pg';
import type { OperatorIdentity } from '@shared/domain/operator';
import type { Tx } from '../db/transaction';

export async function insertSession(
  db: pg.Pool | Tx,
  session: { tokenHash: string; operatorId: number; desktopId: string; createdAt: Date; expiresAt: Date },
): Promise<void> {
  await db.query('INSERT INTO sessions (token_hash, operator_id, desktop_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
    session.tokenHash,
    session.operatorId,
    session.desktopId,
    session.createdAt,
    session.expiresAt,
  ]);
}

export interface SessionRow {
  operator: OperatorIdentity;
  operatorActive: boolean;
  mustChangePassword: boolean;
  desktopId: string;
  desktopRevokedAt: Date | null;
  expiresAt: Date;
  endedAt: Date | null;
}

export async function findSession(db: pg.Pool | Tx, tokenHash: string): Promise<SessionRow | null> {
  const { rows } = await db.query<{
    operatorId: number;
    username: string;
    displayName: string;
    role: OperatorIdentity['role'];
    locale: string;
    timeZone: string;
    active: boolean;
    mustChangePassword: boolean;
    desktopId: string;
    revokedAt: Date | null;
    expiresAt: Date;
    endedAt: Date | null;
  }>(
    `SELECT o.id AS "operatorId", o.username, o.display_name AS "displayName", o.role, o.locale, o.time_zone AS "timeZone",
       o.active, o.must_change_password AS "mustChangePassword", s.desktop_id AS "desktopId", d.revoked_at AS "revokedAt", s.expires_at AS "expiresAt", s.ended_at AS "endedAt"
     FROM sessions s JOIN operators o ON o.id = s.operator_id JOIN desktops d ON d.id = s.desktop_id
     WHERE s.token_hash = $1`,
    [tokenHash],
  );
  const row = rows[0];
  if (!row) return null;
  const { active, mustChangePassword, desktopId, revokedAt, expiresAt, endedAt, ...operator } = row;
  return { operator, operatorActive: active, mustChangePassword, desktopId, desktopRevokedAt: revokedAt, expiresAt, endedAt };
}

export async function endSession(db: pg.Pool | Tx, tokenHash: string, at: Date): Promise<void> {
  await db.query('UPDATE sessions SET ended_at = $2 WHERE token_hash = $1 AND ended_at IS NULL', [tokenHash, at]);
}
