/*
 * Errors that say the database cannot be reached or is going away, not that a query was
 * wrong: the server shutting down or starting up (a restart, a failover), a connection cut
 * or refused, no connection to be had in time. A request that meets one is answered
 * UNAVAILABLE (503) and may be sent again: an operation whose commit was cut off is either
 * in the database, and then answered `replayed: true`, or not, and then applied.
 */

// SQLSTATE: class 08 (connection exception) is matched by prefix; these from other classes.
const SQLSTATES = new Set([
  '57P01', // admin_shutdown: pg_ctl stop/restart -m fast, pg_terminate_backend
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up, shutting down, in recovery
  '53300', // too_many_connections
]);

// Socket errors of node's net module while connecting or talking.
const SOCKET_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

// node-postgres reports a lost or unobtainable connection by message, without a code.
const PG_CONNECTION_MESSAGES = [
  /^Connection terminated/,
  /not queryable/,
  /timeout exceeded when trying to connect/,
  /^Connection ended/,
];

export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (SQLSTATES.has(code) || SOCKET_ERRORS.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  const message = (error as { message?: unknown }).message;
  // A failed connect that tried several addresses (localhost: ::1 and 127.0.0.1).
  if (error instanceof AggregateError) return error.errors.some(isDatabaseUnavailable);
  return typeof message === 'string' && typeof code !== 'string' && PG_CONNECTION_MESSAGES.some((pattern) => pattern.test(message));
}
