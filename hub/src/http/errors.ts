import type { FastifyError, FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { HubErrorBody, HubIssue } from '@shared/hub/errors';
import { HubFailure } from '../common/hub-failure';
import { isDatabaseUnavailable } from '../db/unavailable';
import { hubErrorStatus } from './status';

const UNAVAILABLE_RETRY_SECONDS = 1;

export function issuesOf(error: z.ZodError): HubIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

function toFailure(error: unknown): HubFailure | null {
  if (error instanceof HubFailure) return error;
  const code = (error as Partial<FastifyError>).code;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new HubFailure('PAYLOAD_TOO_LARGE');
  // Bad JSON, an empty JSON body, a content type that is not JSON: the input is not what the route takes.
  if (typeof code === 'string' && code.startsWith('FST_ERR_CTP_')) return new HubFailure('INVALID_INPUT', { problem: code });
  // PostgreSQL restarting, failing over or out of reach: a fault of the moment, not of the hub.
  if (isDatabaseUnavailable(error)) return new HubFailure('UNAVAILABLE', { retryAfterSeconds: UNAVAILABLE_RETRY_SECONDS });
  return null;
}

/** Every failure leaves as `{ error: { code, ... } }` with the status of its code; anything unexpected is INTERNAL and logged. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const failure = toFailure(error);
    if (!failure) request.log.error({ err: error }, 'unexpected hub error');
    const { code, details, issues } = failure ?? new HubFailure('INTERNAL');
    if (code === 'UNAVAILABLE') request.log.warn({ err: error }, 'database unavailable');
    if ((code === 'RATE_LIMITED' || code === 'UNAVAILABLE') && typeof details?.retryAfterSeconds === 'number') reply.header('retry-after', String(details.retryAfterSeconds));
    const body: HubErrorBody = { error: { code, ...(issues ? { issues } : {}), ...(details ? { details } : {}) } };
    return reply.status(hubErrorStatus[code]).send(body);
  });
  app.setNotFoundHandler((_request, reply) => {
    const body: HubErrorBody = { error: { code: 'NOT_FOUND' } };
    return reply.status(hubErrorStatus.NOT_FOUND).send(body);
  });
}
