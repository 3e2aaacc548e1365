import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { appendAudit, verifyAuditChain } from '../audit/audit-log';
import { iterateAuditEvents } from '../audit/audit-repo';
import { deleteStandaloneRequest, listStandaloneRequests, operatorNamesById, recordArchive, type ArchiveRecord } from './standalone-archive-repo';

export const ARCHIVE_FORMAT = 'ocd-standalone-history/1';

/** A written archive waiting for the enrolment to succeed: then it is kept, otherwise removed. */
export interface PendingArchive {
  readonly requestIds: readonly string[];
  readonly record: ArchiveRecord;
  /** Moves the file to its final name and, in the caller's transaction, records it and clears the requests. */
  commit(db: Database.Database, actorId: number | null, now: Date): void;
  discard(): void;
}

function stamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/**
 * Writes what a standalone desktop holds of its own (its override requests and its whole audit
 * chain, hashes included, so the chain can be verified from the file) to an NDJSON file under
 * `dir`: a header line, then one line per request and per audit event. The file is fsynced
 * before the enrolment is saved; nothing is removed from the database until it is on disk.
 */
export function writeStandaloneArchive(db: Database.Database, dir: string, desktopName: string, now: Date): PendingArchive {
  mkdirSync(dir, { recursive: true });
  const finalPath = join(dir, `standalone-history-${stamp(now)}.ndjson`);
  const partialPath = `${finalPath}.partial`;
  const hash = createHash('sha256');
  const fd = openSync(partialPath, 'w', 0o600);
  const write = (value: unknown) => {
    const line = `${JSON.stringify(value)}\n`;
    hash.update(line);
    writeSync(fd, line);
  };
  let requestIds: string[] = [];
  let auditEvents = 0;
  try {
    // One read transaction: the requests and the chain as of one moment.
    db.transaction(() => {
      const requests = listStandaloneRequests(db);
      requestIds = requests.map((request) => request.id);
      const chain = verifyAuditChain(db);
      const names = operatorNamesById(db);
      write({ format: ARCHIVE_FORMAT, archivedAt: now.toISOString(), joiningAs: desktopName, overrideRequests: requests.length, auditEvents: chain.count, auditChain: chain });
      for (const request of requests) write({ type: 'override_request', ...request });
      for (const event of iterateAuditEvents(db)) {
        auditEvents += 1;
        write({ type: 'audit_event', ...event, operator: event.operatorId === null ? null : (names.get(event.operatorId) ?? null) });
      }
    })();
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(partialPath, { force: true });
    throw error;
  }
  closeSync(fd);
  const record: ArchiveRecord = { filePath: finalPath, archivedAt: now.toISOString(), overrideRequests: requestIds.length, auditEvents, sha256: hash.digest('hex') };
  return {
    requestIds,
    record,
    commit(target, actorId, at) {
      renameSync(partialPath, finalPath);
      recordArchive(target, record);
      for (const id of requestIds) deleteStandaloneRequest(target, id);
      appendAudit(target, {
        operatorId: actorId,
        action: 'hub.standalone_archived',
        target: `archive:${finalPath}`,
        before: null,
        after: { overrideRequests: record.overrideRequests, auditEvents: record.auditEvents, sha256: record.sha256 },
        at,
      });
    },
    discard() {
      rmSync(partialPath, { force: true });
    },
  };
}
