import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import type { z } from 'zod';
import type { CreateImportRequest, HubImportStatus, ImportRejectionsPage, ImportRejectionsQuery } from '@shared/hub/imports';
import type { ImportFileResult, ImportRejection } from '@shared/ipc/feed-channels';
import type { Caller } from '../auth/caller';
import type { Clock } from '../common/clock';
import { HubFailure } from '../common/hub-failure';
import { fileSource } from './feed-text';
import { createImportRun, importRunning, runFeedImport, type ImportHooks } from './hub-import';
import { cancelImportRun, findImportRun, listImportRejections, listImportRunFiles, setImportRunState } from './import-run-repo';

/*
 * The desktop's way into the hub's feed import (shared/hub/imports.ts): a run is created with
 * its files' names and sizes, each file's bytes are streamed into a folder of this hub process
 * (never held in memory, refused past their declared size), then the run is started and goes on
 * in the background while the desktop polls its status. Status, cancel and rejections read and
 * write PostgreSQL only, so any hub process answers them; the uploads and the start must reach
 * the process that holds the files (one hub, or sticky sessions behind a balancer).
 */

const SHOWN_REJECTIONS = 100;

export interface HubImportsOptions {
  readonly clock: Clock;
  /** Where uploaded files wait for their run; a folder of the system's temp dir by default. */
  readonly uploadDir?: string;
  readonly chunkRows?: number;
  readonly hooks?: ImportHooks;
}

interface PendingRun {
  readonly files: CreateImportRequest['files'];
  readonly received: boolean[];
  readonly dir: string;
  readonly startedBy: number;
  readonly desktopId: string;
  uploading: number;
  started: boolean;
  startedMs: number | null;
  cancel: boolean;
  finished: Promise<void> | null;
}

type Status = z.input<typeof HubImportStatus>;

export class HubImports {
  readonly #pool: pg.Pool;
  readonly #options: HubImportsOptions;
  readonly #dir: string;
  readonly #runs = new Map<string, PendingRun>();

  constructor(pool: pg.Pool, options: HubImportsOptions) {
    this.#pool = pool;
    this.#options = options;
    this.#dir = options.uploadDir ?? join(tmpdir(), 'ocd-hub-imports');
  }

  async create(caller: Caller, input: CreateImportRequest, now: Date): Promise<{ runId: string }> {
    const runId = await createImportRun(this.#pool, { origin: 'desktop', startedBy: caller.operator.operatorId, desktopId: caller.desktopId, now });
    const dir = join(this.#dir, runId);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    this.#runs.set(runId, {
      files: input.files,
      received: input.files.map(() => false),
      dir,
      startedBy: caller.operator.operatorId,
      desktopId: caller.desktopId,
      uploading: 0,
      started: false,
      startedMs: null,
      cancel: false,
      finished: null,
    });
    return { runId };
  }

  /** Stores one file's bytes as they arrive; exactly the declared size, or PAYLOAD_TOO_LARGE / INVALID_INPUT and nothing kept. */
  async upload(runId: string, position: number, body: AsyncIterable<Buffer>, declaredLength: number | null): Promise<{ position: number; bytes: number }> {
    const run = this.#pendingRun(runId);
    const file = run.files[position];
    if (!file) throw new HubFailure('INVALID_INPUT', { reason: 'no_such_file', position });
    if (run.started) throw new HubFailure('CONFLICT', { reason: 'already_started' });
    if (declaredLength !== null && declaredLength > file.bytes) throw new HubFailure('PAYLOAD_TOO_LARGE', { limit: file.bytes });
    const path = join(run.dir, String(position));
    const partial = `${path}.partial`;
    run.uploading += 1;
    const out = createWriteStream(partial, { mode: 0o600 });
    let bytes = 0;
    try {
      for await (const chunk of body) {
        bytes += chunk.length;
        if (bytes > file.bytes) throw new HubFailure('PAYLOAD_TOO_LARGE', { limit: file.bytes });
        if (!out.write(chunk)) await once(out, 'drain');
      }
      await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
      if (bytes !== file.bytes) throw new HubFailure('INVALID_INPUT', { reason: 'size_mismatch', declared: file.bytes, received: bytes });
      await rename(partial, path);
      run.received[position] = true;
      return { position, bytes };
    } catch (error) {
      out.destroy();
      await rm(partial, { force: true });
      throw error;
    } finally {
      run.uploading -= 1;
    }
  }

  /** Starts a run whose files have all arrived; it goes on in the background. */
  async start(caller: Caller, runId: string): Promise<Status> {
    const run = this.#pendingRun(runId);
    if (run.started) throw new HubFailure('CONFLICT', { reason: 'already_started' });
    const missing = run.received.flatMap((received, position) => (received ? [] : [position]));
    if (missing.length > 0 || run.uploading > 0) throw new HubFailure('INVALID_INPUT', { reason: 'files_missing', missing: missing.join(',') });
    if (caller.operator.operatorId !== run.startedBy) throw new HubFailure('FORBIDDEN_ROLE', { reason: 'not_your_run' });
    if (await importRunning(this.#pool)) throw new HubFailure('CONFLICT', { reason: 'import_running' });
    run.started = true;
    run.startedMs = performance.now();
    const sources = run.files.map((file, position) => fileSource(join(run.dir, String(position)), file.name));
    run.finished = runFeedImport({
      pool: this.#pool,
      sources,
      clock: this.#options.clock,
      runId,
      origin: 'desktop',
      startedBy: run.startedBy,
      desktopId: run.desktopId,
      ...(this.#options.chunkRows ? { chunkRows: this.#options.chunkRows } : {}),
      ...(this.#options.hooks ? { hooks: this.#options.hooks } : {}),
      shouldStop: () => run.cancel,
    })
      .then(
        () => undefined,
        async (error: unknown) => {
          // Not started after all (another import took the lock first), or the database failed mid-run.
          if (!(error instanceof HubFailure)) console.error('hub: feed import failed:', error instanceof Error ? error.message : error);
          await setImportRunState(this.#pool, runId, 'failed', this.#options.clock()).catch(() => undefined);
        },
      )
      .finally(async () => {
        this.#runs.delete(runId);
        await rm(run.dir, { recursive: true, force: true });
      });
    return this.status(runId);
  }

  async status(runId: string): Promise<Status> {
    const stored = await findImportRun(this.#pool, runId);
    if (!stored) throw new HubFailure('NOT_FOUND');
    const live = this.#runs.get(runId);
    const files = await listImportRunFiles(this.#pool, runId);
    let state: Status['state'] = stored.state;
    if (stored.state === 'importing' || (stored.state === 'checking' && files.length > 0)) {
      // Under way in the database, but no hub process holds the import lock: it was cut off.
      if (!live && !(await importRunning(this.#pool))) state = 'interrupted';
    }
    const rowsTotal = files.reduce((sum, f) => sum + f.rowsTotal, 0);
    const rowsDone = files.reduce((sum, f) => sum + f.rowsDone, 0);
    let rowsPerSecond: number | null = null;
    let secondsLeft: number | null = null;
    if (live?.startedMs != null && state === 'importing' && rowsDone > 0) {
      const seconds = (performance.now() - live.startedMs) / 1000;
      rowsPerSecond = Math.round(rowsDone / seconds);
      secondsLeft = Math.ceil((rowsTotal - rowsDone) / (rowsDone / seconds));
    }
    const results: ImportFileResult[] = files.map((f) => ({
      fileName: f.fileName,
      entity: f.entity,
      format: f.format,
      rowsTotal: f.rowsTotal,
      rowsDone: f.rowsDone,
      inserted: f.inserted,
      updated: f.updated,
      unchanged: f.unchanged,
      rejected: f.rejected,
      problem: f.problem ? { code: f.problem as NonNullable<ImportFileResult['problem']>['code'], line: f.problemLine, detail: f.problemDetail ?? '' } : null,
    }));
    return {
      runId,
      state,
      rowsTotal,
      rowsDone,
      rowsPerSecond,
      secondsLeft,
      files: results,
      rejections: (await listImportRejections(this.#pool, runId, SHOWN_REJECTIONS)) as ImportRejection[],
      rejectedTotal: files.reduce((sum, f) => sum + f.rejected, 0),
      reportPath: null,
    };
  }

  /** Cancels a run of any hub process (through its row); this process's runner also stops at once after its chunk. */
  async cancel(runId: string): Promise<{ cancelling: boolean }> {
    const live = this.#runs.get(runId);
    if (live) live.cancel = true;
    const cancelled = await cancelImportRun(this.#pool, runId, this.#options.clock());
    if (!cancelled && !(await findImportRun(this.#pool, runId))) throw new HubFailure('NOT_FOUND');
    if (live && !live.started) {
      this.#runs.delete(runId);
      await rm(live.dir, { recursive: true, force: true });
    }
    return { cancelling: cancelled };
  }

  async rejections(query: z.output<typeof ImportRejectionsQuery>): Promise<z.input<typeof ImportRejectionsPage>> {
    if (!(await findImportRun(this.#pool, query.runId))) throw new HubFailure('NOT_FOUND');
    const { rows } = await this.#pool.query<{ total: number }>('SELECT count(*)::int AS total FROM import_rejections WHERE run_id = $1', [query.runId]);
    const rejections = (await listImportRejections(this.#pool, query.runId, query.limit, query.offset)) as ImportRejection[];
    return { rejections, total: rows[0]!.total };
  }

  /** Resolves when this process's run has ended (tests). */
  async finished(runId: string): Promise<void> {
    await this.#runs.get(runId)?.finished;
  }

  /** The hub is closing: running imports stop after their chunk (a later run converges). */
  async close(): Promise<void> {
    const running = [...this.#runs.values()];
    for (const run of running) run.cancel = true;
    await Promise.all(running.map((run) => run.finished));
  }

  #pendingRun(runId: string): PendingRun {
    const run = this.#runs.get(runId);
    // Unknown here: another process's run, one that ended, or none at all.
    if (!run) throw new HubFailure('NOT_FOUND');
    return run;
  }
}
