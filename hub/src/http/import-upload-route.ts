import type { FastifyInstance, FastifyRequest } from 'fastify';
import { IMPORT_UPLOAD_PATH, ImportUploadQuery, ImportUploadResponse } from '@shared/hub/imports';
import type { Caller } from '../auth/caller';
import { HubFailure } from '../common/hub-failure';
import type { HubImports } from '../feeds/hub-imports';
import { issuesOf } from './errors';
import { guard, type Authenticate } from './register-routes';

/**
 * `PUT /v1/admin/imports/upload?runId=&position=`: one feed file's bytes for a run, as
 * `application/octet-stream`, streamed to the hub's disk as they arrive (never parsed as
 * JSON, never held whole). Admin only, the session token checked before the body is read; the
 * file's declared size is its limit (shared/hub/imports.ts).
 */
export function registerImportUpload(app: FastifyInstance, imports: HubImports, authenticate: Authenticate): void {
  const callers = new WeakMap<FastifyRequest, Caller>();
  void app.register(async (scope) => {
    // In this scope only: the body stays a stream for the handler.
    scope.addContentTypeParser('application/octet-stream', (_request, _payload, done) => done(null, undefined));
    scope.route({
      method: 'PUT',
      url: IMPORT_UPLOAD_PATH,
      onRequest: guard(['admin'], authenticate, callers),
      handler: async (request) => {
        const query = ImportUploadQuery.safeParse({ ...(request.query as object) });
        if (!query.success) throw new HubFailure('INVALID_INPUT', undefined, issuesOf(query.error));
        const header = request.headers['content-length'];
        const length = header === undefined ? null : Number(header);
        const stored = await imports.upload(query.data.runId, query.data.position, request.raw, Number.isFinite(length) ? length : null);
        return ImportUploadResponse.parse(stored);
      },
    });
  });
}
