import type pg from 'pg';
import type { DesktopView } from '@shared/hub/enrolment';
import type { Tx } from '../db/transaction';

export interface DesktopRow extends DesktopView {
  secretHash: string;
}

const SELECT = `SELECT id AS "desktopId", name, label, secret_hash AS "secretHash", enrolled_at AS "enrolledAt",
    last_seen_at AS "lastSeenAt", revoked_at AS "revokedAt", last_applied_seq::float8 AS "lastAppliedSeq"
  FROM desktops`;

type Stored = Omit<DesktopRow, 'enrolledAt' | 'lastSeenAt' | 'revokedAt'> & { enrolledAt: Date; lastSeenAt: Date | null; revokedAt: Date | null };

function toRow(row: Stored): DesktopRow {
  return {
    ...row,
    enrolledAt: row.enrolledAt.toISOString(),
    lastSeenAt: row.lastSeenAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export function toDesktopView(row: DesktopRow): DesktopView {
  const { secretHash: _secretHash, ...view } = row;
  return view;
}

export async function findDesktop(db: pg.Pool | Tx, desktopId: string): Promise<DesktopRow | null> {
  const { rows } = await db.query<Stored>(`${SELECT} WHERE id = $1`, [desktopId]);
  return rows[0] ? toRow(rows[0]) : null;
}

export async function listDesktops(db: pg.Pool | Tx): Promise<DesktopRow[]> {
  const { rows } = await db.query<Stored>(`${SELECT} ORDER BY enrolled_at, id`);
  return rows.map(toRow);
}

export async function insertDesktop(db: pg.Pool | Tx, desktop: { id: string; name: string; label: string; secretHash: string; enrolledAt: Date }): Promise<void> {
  await db.query('INSERT INTO desktops (id, name, label, secret_hash, enrolled_at) VALUES ($1, $2, $3, $4, $5)', [
    desktop.id,
    desktop.name,
    desktop.label,
    desktop.secretHash,
    desktop.enrolledAt,
  ]);
}

export async function revokeDesktop(db: pg.Pool | Tx, desktopId: string, at: Date): Promise<boolean> {
  const result = await db.query('UPDATE desktops SET revoked_at = coalesce(revoked_at, $2) WHERE id = $1', [desktopId, at]);
  return result.rowCount === 1;
}

export async function touchDesktop(db: pg.Pool | Tx, desktopId: string, at: Date): Promise<void> {
  await db.query('UPDATE desktops SET last_seen_at = $2 WHERE id = $1', [desktopId, at]);
}

