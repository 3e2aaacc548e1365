import { Agent, request } from 'node:http';

/** One keep-alive pool for every simulated desktop: at most one push in flight per desktop anyway. */
const agent = new Agent({ keepAlive: true, maxSockets: 2_000 });

export interface HttpAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** A JSON request over loopback HTTP, as a desktop's main process would send it. */
export function callHub(base: URL, method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method,
        path,
        headers: { ...headers, ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            // Left as text: the caller reports it.
          }
          resolve({ status: response.statusCode ?? 0, body: parsed });
        });
        response.on('error', reject);
      },
    );
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/** Server-Sent Events from the hub: calls `onHead` with each `changed` nudge's head. */
export function openChangeStream(base: URL, token: string, onHead: (head: number) => void): { close(): void; opened: Promise<void> } {
  let close = () => undefined as void;
  const opened = new Promise<void>((resolve, reject) => {
    const req = request(
      { host: base.hostname, port: base.port, method: 'GET', path: '/v1/changes/stream', headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } },
      (response) => {
        if (response.statusCode !== 200) {
          reject(new Error(`change stream answered ${response.statusCode}`));
          return;
        }
        let buffered = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          buffered += chunk;
          let end = buffered.indexOf('\n\n');
          while (end >= 0) {
            const frame = buffered.slice(0, end);
            buffered = buffered.slice(end + 2);
            const data = /^data: (.*)$/m.exec(frame);
            if (data && frame.startsWith('event: changed')) onHead((JSON.parse(data[1]!) as { head: number }).head);
            end = buffered.indexOf('\n\n');
          }
        });
        response.on('error', () => undefined);
        resolve();
      },
    );
    req.on('error', (error) => reject(error));
    req.end();
    close = () => {
      req.destroy();
    };
  });
  return { close: () => close(), opened };
}
