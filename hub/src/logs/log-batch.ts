import type { ChangeEntity } from '@shared/hub/changes';
import { commitWith, type Tx } from '../db/transaction';
import { auditHashParts } from './audit-hash';

export interface NewAuditEvent {
  readonly at: Date;
  readonly operatorId: number | null;
  readonly desktopId: string | null;
  readonly action: string;
  readonly target: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** Who may read a change: everyone, supervisors and admins, or one operator and the overseers. */
export type ChangeAudience = { kind: 'all' } | { kind: 'overseers' } | { kind: 'owner'; ownerId: number };

export interface NewChange {
  readonly entity: ChangeEntity;
  readonly entityId: string;
  readonly audience: ChangeAudience;
  readonly data: unknown;
}

/** Channel of the "the log moved" notification between hub processes; payload is the new head. */
export const CHANGES_CHANNEL = 'ocd_changes';

// The change log and the audit chain are appended under this transaction-scoped lock, held
// until commit: positions and audit seqs then follow commit order, and each audit row's
// prev_hash is the hash of the row committed just before it.
const LOG_LOCK = 7_242_002;

function asText(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

/** An audit event as `ocd_append_logs` takes it: stored fields plus its canonical JSON around the seq. */
function prepareAudit(event: NewAuditEvent) {
  const fields = {
    at: event.at.toISOString(),
    operatorId: event.operatorId,
    desktopId: event.desktopId,
    action: event.action,
    target: event.target,
    before: asText(event.before),
    after: asText(event.after),
  };
  const { head, tail } = auditHashParts(fields);
  return { ...fields, hashHead: head, hashTail: tail };
}

function prepareChange(change: NewChange) {
  return {
    entity: change.entity,
    entityId: change.entityId,
    audience: change.audience.kind,
    ownerId: change.audience.kind === 'owner' ? change.audience.ownerId : null,
    data: change.data,
  };
}

export interface AppendedLogs {
  readonly auditSeqs: readonly number[];
  readonly positions: readonly number[];
}

interface AppendRow {
  audit_seqs: string[];
  positions: string[];
}

function toAppended(row: AppendRow): AppendedLogs {
  return { auditSeqs: row.audit_seqs.map(Number), positions: row.positions.map(Number) };
}

/** An operation's answer as stored with the batch that commits it (the operations table). */
export interface BatchAnswer {
  readonly desktopId: string;
  readonly seq: number;
  readonly op: string;
  readonly operatorId: number;
  readonly status: 'accepted' | 'refused';
  readonly appliedAt: Date;
  /** The answer without its position; the position comes from `positionOf`. */
  readonly answer: unknown;
  readonly positionOf: PendingPosition | null;
}

/**
 * Appends audit events and changes inside the caller's transaction, in one round trip that
 * takes the log lock (held to commit). Everything else the transaction does should come
 * before this call: the lock serialises the whole site, so what follows it, up to the commit,
 * is what bounds the hub's throughput.
 */
export async function appendLogs(tx: Tx, audit: readonly NewAuditEvent[], changes: readonly NewChange[]): Promise<AppendedLogs> {
  if (audit.length === 0 && changes.length === 0) return { auditSeqs: [], positions: [] };
  const { rows } = await tx.query<AppendRow>('SELECT audit_seqs, positions FROM ocd_append_logs($1, $2, $3, $4)', [
    JSON.stringify(audit.map(prepareAudit)),
    JSON.stringify(changes.map(prepareChange)),
    LOG_LOCK,
    CHANGES_CHANNEL,
  ]);
  return toAppended(rows[0]!);
}

/** A change's position in the log, known once its batch is flushed. */
export class PendingPosition {
  #value: number | null;

  private constructor(value: number | null) {
    this.#value = value;
  }

  static known(value: number): PendingPosition {
    return new PendingPosition(value);
  }

  static pending(): PendingPosition {
    return new PendingPosition(null);
  }

  get settled(): boolean {
    return this.#value !== null;
  }

  settle(value: number): void {
    this.#value = value;
  }

  get value(): number {
    if (this.#value === null) throw new Error('The change log position is read before its batch was flushed');
    return this.#value;
  }
}

export interface LogMark {
  readonly audit: number;
  readonly changes: number;
}

/**
 * What one transaction will append to the audit chain and the change log, gathered while
 * the use case runs and written by `flush` at its end. A savepoint rolled back takes its
 * entries with it (`mark` and `rollbackTo`), so the logs never describe undone writes.
 */
export class LogBatch {
  readonly #audit: NewAuditEvent[] = [];
  readonly #changes: { change: NewChange; position: PendingPosition }[] = [];
  #flushed = false;

  audit(event: NewAuditEvent): void {
    this.#assertOpen();
    this.#audit.push(event);
  }

  change(change: NewChange): PendingPosition {
    this.#assertOpen();
    const position = PendingPosition.pending();
    this.#changes.push({ change, position });
    return position;
  }

  mark(): LogMark {
    return { audit: this.#audit.length, changes: this.#changes.length };
  }

  rollbackTo(mark: LogMark): void {
    this.#assertOpen();
    this.#audit.length = mark.audit;
    this.#changes.length = mark.changes;
  }

  /** Writes the batch (once) and settles every pending position; the transaction goes on. */
  async flush(tx: Tx): Promise<AppendedLogs> {
    this.#assertOpen();
    this.#flushed = true;
    return this.#settle(
      await appendLogs(
        tx,
        this.#audit,
        this.#changes.map((entry) => entry.change),
      ),
    );
  }

  /**
   * Writes the batch and `answer` and commits the transaction, in one message: from the log
   * lock to the end of the commit nothing waits for the hub. `answer.positionOf`, when given,
   * is a pending position of this batch, written into the stored answer as `position`.
   */
  async commit(tx: Tx, answer: BatchAnswer): Promise<AppendedLogs> {
    this.#assertOpen();
    this.#flushed = true;
    const positionOf = answer.positionOf ? this.#changes.findIndex((entry) => entry.position === answer.positionOf) : null;
    if (positionOf === -1) throw new Error('The answer names a position of another batch');
    const stored = {
      desktopId: answer.desktopId,
      seq: answer.seq,
      op: answer.op,
      operatorId: answer.operatorId,
      status: answer.status,
      appliedAt: answer.appliedAt.toISOString(),
      answer: answer.answer,
      positionOf,
    };
    const literal = (value: unknown) => `${tx.escapeLiteral(JSON.stringify(value))}::jsonb`;
    if (!Number.isSafeInteger(answer.seq) || answer.seq < 1) throw new Error(`Not a seq: ${answer.seq}`);
    const rows = await commitWith<AppendRow>(
      tx,
      `SELECT audit_seqs, positions FROM ocd_append_logs(${literal(this.#audit.map(prepareAudit))}, ` +
        `${literal(this.#changes.map((entry) => prepareChange(entry.change)))}, ${LOG_LOCK}, ${tx.escapeLiteral(CHANGES_CHANNEL)}, ${literal(stored)})`,
      // The desktop's seq moves on in the same message (its row is locked since the operation began).
      [`UPDATE desktops SET last_applied_seq = ${answer.seq} WHERE id = ${tx.escapeLiteral(answer.desktopId)}`],
    );
    return this.#settle(toAppended(rows[0]!));
  }

  #settle(appended: AppendedLogs): AppendedLogs {
    this.#changes.forEach((entry, index) => entry.position.settle(appended.positions[index]!));
    return appended;
  }

  #assertOpen(): void {
    if (this.#flushed) throw new Error('This log batch was already flushed');
  }
}
