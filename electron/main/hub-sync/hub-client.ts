import { createReadStream } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import type { z } from 'zod';
import { CHANGE_NUDGE_EVENT, ChangeNudge } from '@shared/hub/changes';
import { HubErrorBody, type HubError } from '@shared/hub/errors';
import { CHANGE_STREAM_PATH, hubRoutes, type HubRouteName } from '@shared/hub/routes';
import { HubScreenPop, SCREEN_POP_EVENT } from '@shared/hub/screen-pop';

/** The hub's own codes, plus what can go wrong before or after it answers, and the desktop's own refusal to enrol elsewhere with unsent operations. */
export type HubClientErrorCode = HubError['code'] | 'HUB_UNREACHABLE' | 'HUB_BAD_ANSWER' | 'UNSENT_OPERATIONS';

export interface HubClientError {
  readonly code: HubClientErrorCode;
  readonly status?: number;
  readonly issues?: HubError['issues'];
  readonly details?: HubError['details'];
  /** For HUB_UNREACHABLE / HUB_BAD_ANSWER: what the transport or the check said (for logs only). */
  readonly cause?: string;
}

export type HubCall<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: HubClientError };

type Route<N extends HubRouteName> = (typeof hubRoutes)[N];
export type HubInput<N extends HubRouteName> = z.input<Route<N>['input']>;
export type HubOutput<N extends HubRouteName> = z.infer<Route<N>['output']>;

export interface HubCallOptions {
  /** For a call the hub may take long to answer (a billing batch of a million credits); the client's timeout otherwise. */
  readonly timeoutMs?: number;
}

export interface HubStream {
  close(): void;
}

export interface HubClient {
  readonly url: string;
  /** One route of shared/hub/routes.ts: the input is checked before it leaves, the answer before it is used. */
  call<N extends HubRouteName>(name: N, input: HubInput<N>, token?: string, options?: HubCallOptions): Promise<HubCall<HubOutput<N>>>;
  /**
   * A streamed GET (the carrier snapshot): the response once its status is 200, to be read to
   * its end or destroyed; an error answer as for `call`.
   */
  download(path: string, token: string): Promise<HubCall<IncomingMessage>>;
  /**
   * A streamed PUT of a file's bytes (a feed file for the hub's import): `bytes` long, read from
   * disk as it is sent, never whole; the answer parsed by `output`, an error answer as for `call`.
   */
  upload<T>(path: string, token: string, filePath: string, bytes: number, output: z.ZodType<T>): Promise<HubCall<T>>;
  /**
   * The Server-Sent Events nudges, and the phone system's screen-pops for this operator
   * (`onScreenPop`, when given); `onEnd` once when the stream stops for any reason.
   */
  openChangeStream(
    token: string,
    onNudge: (head: number) => void,
    onEnd: (error: HubClientError | null) => void,
    onScreenPop?: (pop: HubScreenPop) => void,
  ): HubStream;
}

export interface HubClientOptions {
  readonly url: string;
  /** PEM CA certificate(s) the hub's certificate must chain to; the system's CAs when null. */
  readonly ca: string | null;
  readonly timeoutMs?: number;
}

/** Bigger answers are refused: a page of 1,000 changes is well under this. */
const MAX_ANSWER_BYTES = 16 * 1024 * 1024;

function failure(code: HubClientErrorCode, extra: Omit<HubClientError, 'code'> = {}): { ok: false; error: HubClientError } {
  return { ok: false, error: { code, ...extra } };
}

function toQuery(input: unknown): string {
  const entries = Object.entries(input as Record<string, unknown>).filter(([, value]) => value !== undefined);
  if (entries.length === 0) return '';
  const query = new URLSearchParams();
  for (const [key, value] of entries) query.set(key, String(value));
  return `?${query.toString()}`;
}

interface RawAnswer {
  readonly status: number;
  readonly body: string;
}

/**
 * A typed client of the hub over node:http(s): TLS is verified against the configured CA (never
 * switched off), every input parsed by its route's schema and every answer by its output schema,
 * and results come back as values with codes, never as throws.
 */
export function createHubClient(options: HubClientOptions): HubClient {
  const base = new URL(options.url);
  const secure = base.protocol === 'https:';
  const timeoutMs = options.timeoutMs ?? 15_000;

  function requestOptions(method: string, path: string, headers: Record<string, string>): RequestOptions {
    return {
      method,
      hostname: base.hostname.replace(/^\[|\]$/g, ''),
      port: base.port || (secure ? 443 : 80),
      path,
      headers,
      ...(secure && options.ca ? { ca: options.ca } : {}),
    };
  }

  function open(method: string, path: string, headers: Record<string, string>, onResponse: (response: IncomingMessage) => void) {
    const send = secure ? httpsRequest : httpRequest;
    return send(requestOptions(method, path, headers), onResponse);
  }

  function exchange(method: string, path: string, headers: Record<string, string>, body: string | null, waitMs = timeoutMs): Promise<RawAnswer> {
    return new Promise((resolve, reject) => {
      const outgoing = open(method, path, headers, (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_ANSWER_BYTES) {
            response.destroy(new Error('answer too large'));
            return;
          }
          chunks.push(chunk);
        });
        response.on('error', reject);
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      });
      outgoing.setTimeout(waitMs, () => outgoing.destroy(new Error(`no answer within ${waitMs} ms`)));
      outgoing.on('error', reject);
      outgoing.end(body ?? undefined);
    });
  }

  async function call<N extends HubRouteName>(name: N, input: HubInput<N>, token?: string, callOptions: HubCallOptions = {}): Promise<HubCall<HubOutput<N>>> {
    const route = hubRoutes[name];
    const parsedInput = route.input.safeParse(input);
    if (!parsedInput.success) {
      return failure('INVALID_INPUT', { issues: parsedInput.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })) });
    }
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    let body: string | null = null;
    let path: string = route.path;
    if (route.method === 'GET') path += toQuery(parsedInput.data);
    else {
      body = JSON.stringify(parsedInput.data);
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    let answer: RawAnswer;
    try {
      answer = await exchange(route.method, path, headers, body, callOptions.timeoutMs);
    } catch (error) {
      return failure('HUB_UNREACHABLE', { cause: (error as Error).message });
    }
    let json: unknown;
    try {
      json = JSON.parse(answer.body);
    } catch {
      return failure('HUB_BAD_ANSWER', { status: answer.status, cause: 'not JSON' });
    }
    if (answer.status !== 200) {
      const errorBody = HubErrorBody.safeParse(json);
      if (!errorBody.success) return failure('HUB_BAD_ANSWER', { status: answer.status, cause: 'not an error body' });
      const { code, issues, details } = errorBody.data.error;
      return failure(code, { status: answer.status, ...(issues ? { issues } : {}), ...(details ? { details } : {}) });
    }
    const output = route.output.safeParse(json);
    if (!output.success) return failure('HUB_BAD_ANSWER', { status: answer.status, cause: output.error.message });
    return { ok: true, value: output.data as HubOutput<N> };
  }

  function download(path: string, token: string): Promise<HubCall<IncomingMessage>> {
    return new Promise((resolve) => {
      const outgoing = open('GET', path, { accept: 'text/plain', authorization: `Bearer ${token}` }, (response) => {
        if (response.statusCode === 200) {
          // From here a stall of the hub (no byte for timeoutMs) ends the stream with an error.
          response.setTimeout(timeoutMs * 4, () => response.destroy(new Error('the hub stopped sending')));
          resolve({ ok: true, value: response });
          return;
        }
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', (error) => resolve(failure('HUB_UNREACHABLE', { cause: error.message })));
        response.on('end', () => {
          const body = HubErrorBody.safeParse(safeJson(Buffer.concat(chunks).toString('utf8')));
          if (!body.success) resolve(failure('HUB_BAD_ANSWER', { status: response.statusCode ?? 0, cause: 'not an error body' }));
          else resolve(failure(body.data.error.code, { status: response.statusCode ?? 0, ...(body.data.error.details ? { details: body.data.error.details } : {}) }));
        });
      });
      outgoing.setTimeout(timeoutMs, () => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      outgoing.on('error', (error) => resolve(failure('HUB_UNREACHABLE', { cause: error.message })));
      outgoing.end();
    });
  }

  function upload<T>(path: string, token: string, filePath: string, bytes: number, output: z.ZodType<T>): Promise<HubCall<T>> {
    return new Promise((resolve) => {
      const headers = { accept: 'application/json', authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', 'content-length': String(bytes) };
      const outgoing = open('PUT', path, headers, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', (error) => resolve(failure('HUB_UNREACHABLE', { cause: error.message })));
        response.on('end', () => {
          const json = safeJson(Buffer.concat(chunks).toString('utf8'));
          if (response.statusCode !== 200) {
            const body = HubErrorBody.safeParse(json);
            if (!body.success) resolve(failure('HUB_BAD_ANSWER', { status: response.statusCode ?? 0, cause: 'not an error body' }));
            else resolve(failure(body.data.error.code, { status: response.statusCode ?? 0, ...(body.data.error.details ? { details: body.data.error.details } : {}) }));
            return;
          }
          const parsed = output.safeParse(json);
          resolve(parsed.success ? { ok: true, value: parsed.data } : failure('HUB_BAD_ANSWER', { status: 200, cause: parsed.error.message }));
        });
      });
      // A stall (no byte either way for this long) ends the upload; a large file may take minutes in all.
      outgoing.setTimeout(timeoutMs * 4, () => outgoing.destroy(new Error('the upload stalled')));
      outgoing.on('error', (error) => resolve(failure('HUB_UNREACHABLE', { cause: error.message })));
      const file = createReadStream(filePath, { highWaterMark: 1 << 20 });
      file.on('error', (error) => outgoing.destroy(error));
      file.pipe(outgoing);
    });
  }

  function openChangeStream(
    token: string,
    onNudge: (head: number) => void,
    onEnd: (error: HubClientError | null) => void,
    onScreenPop?: (pop: HubScreenPop) => void,
  ): HubStream {
    let ended = false;
    const end = (error: HubClientError | null) => {
      if (ended) return;
      ended = true;
      onEnd(error);
    };
    const outgoing = open('GET', CHANGE_STREAM_PATH, { accept: 'text/event-stream', authorization: `Bearer ${token}` }, (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        end({ code: response.statusCode === 401 ? 'NOT_SIGNED_IN' : 'HUB_BAD_ANSWER', status: response.statusCode ?? 0 });
        return;
      }
      response.setEncoding('utf8');
      let buffer = '';
      let event = 'message';
      let data = '';
      response.on('data', (text: string) => {
        buffer += text;
        if (buffer.length > 64 * 1024) response.destroy(new Error('event too large'));
        let newline: number;
        while ((newline = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, newline).replace(/\r$/, '');
          buffer = buffer.slice(newline + 1);
          if (line === '') {
            if (event === CHANGE_NUDGE_EVENT) {
              const nudge = ChangeNudge.safeParse(safeJson(data));
              if (nudge.success) onNudge(nudge.data.head);
            } else if (event === SCREEN_POP_EVENT && onScreenPop) {
              // Checked like a link from the operating system: a malformed pop is dropped, never half-used.
              const pop = HubScreenPop.safeParse(safeJson(data));
              if (pop.success) onScreenPop(pop.data);
            }
            event = 'message';
            data = '';
          } else if (line.startsWith('event:')) event = line.slice(6).trim();
          else if (line.startsWith('data:')) data += line.slice(5).trim();
        }
      });
      response.on('error', (error) => end({ code: 'HUB_UNREACHABLE', cause: error.message }));
      response.on('end', () => end(null));
      response.on('close', () => end(null));
    });
    outgoing.on('error', (error) => end({ code: 'HUB_UNREACHABLE', cause: error.message }));
    outgoing.end();
    return {
      close() {
        ended = true;
        outgoing.destroy();
      },
    };
  }

  return { url: base.origin, call, download, upload, openChangeStream };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The same client, telling `onCall` of every request it sends (the dispatcher's busy retry reads the count). */
export function countingCalls(client: HubClient, onCall: () => void): HubClient {
  return {
    url: client.url,
    call: (name, input, token, options) => {
      onCall();
      return client.call(name, input, token, options);
    },
    download: (path, token) => {
      onCall();
      return client.download(path, token);
    },
    upload: (path, token, filePath, bytes, output) => {
      onCall();
      return client.upload(path, token, filePath, bytes, output);
    },
    openChangeStream: (...args) => client.openChangeStream(...args),
  };
}
