import type pg from 'pg';
import type { IntegrationTokenView } from '@shared/hub/screen-pop';
import type { Tx } from '../db/transaction';

interface TokenRow {
  id: number;
  label: string;
  createdBy: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const SELECT_TOKENS = `SELECT t.id, t.label, o.username AS "createdBy", t.created_at AS "createdAt",
    t.last_used_at AS "lastUsedAt", t.revoked_at AS "revokedAt"
  FROM integration_tokens t JOIN operators o ON o.id = t.created_by`;

function toView(row: TokenRow): IntegrationTokenView {
  return {
    id: row.id,
    label: row.label,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export async function insertIntegrationToken(tx: Tx, token: { label: string; tokenHash: string; createdBy: number; createdAt: Date }): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    'INSERT INTO integration_tokens (label, token_hash, created_by, created_at) VALUES ($1, $2, $3, $4) RETURNING id',
    [token.label, token.tokenHash, token.createdBy, token.createdAt],
  );
  return rows[0]!.id;
}

export async function findIntegrationToken(db: pg.Pool | Tx, id: number, lock = false): Promise<IntegrationTokenView | null> {
  const { rows } = await db.query<TokenRow>(`${SELECT_TOKENS} WHERE t.id = $1${lock ? ' FOR UPDATE OF t' : ''}`, [id]);
  return rows[0] ? toView(rows[0]) : null;
}

/** Newest first; revoked ones stay listed (with their revocation time) so the admin sees what was. */
export async function listIntegrationTokens(db: pg.Pool | Tx): Promise<IntegrationTokenView[]> {
  const { rows } = await db.query<TokenRow>(`${SELECT_TOKENS} ORDER BY t.id DESC`);
  return rows.map(toView);
}

export async function revokeIntegrationToken(tx: Tx, id: number, by: number, at: Date): Promise<void> {
  await tx.query('UPDATE integration_tokens SET revoked_at = $3, revoked_by = $2 WHERE id = $1 AND revoked_at IS NULL', [id, by, at]);
}

/** The token with this hash: its id and whether it is revoked; null when the hub never made it. */
export async function findIntegrationTokenByHash(db: pg.Pool | Tx, tokenHash: string): Promise<{ id: number; label: string; revoked: boolean } | null> {
  const { rows } = await db.query<{ id: number; label: string; revoked: boolean }>(
    'SELECT id, label, revoked_at IS NOT NULL AS revoked FROM integration_tokens WHERE token_hash = $1',
    [tokenHash],
  );
  return rows[0] ?? null;
}

/** When the token was last used, for the admin's list; only touched when it moves forward. */
export async function touchIntegrationToken(db: pg.Pool | Tx, id: number, at: Date): Promise<void> {
  await db.query('UPDATE integration_tokens SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2)', [id, at]);
}
