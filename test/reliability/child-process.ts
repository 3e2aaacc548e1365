import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export const PROJECT_ROOT = resolve(__dirname, '../..');
// `node --import tsx` keeps the script in this one process. The tsx CLI would run it in a
// grandchild, which a SIGKILL to the CLI leaves running on its own.
const NODE_ARGS = ['--import', 'tsx'];

export interface Acked {
  readonly child: ChildProcess;
  /** Every line the child printed that starts with `ack `, without the prefix. */
  readonly acks: string[];
  readonly stderr: string[];
  /** Resolves once `count` acknowledgements have arrived (or rejects if the child exits first). */
  waitForAcks(count: number): Promise<void>;
  /** Resolves with the exit code or signal. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs a TypeScript file under tsx, collecting `ack ...` lines as they are flushed. */
export function runTs(script: string, args: readonly string[], options: { shellPrefix?: string } = {}): Acked {
  const argv = [process.execPath, ...NODE_ARGS, script, ...args];
  const command = argv.map((part) => `'${part.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = options.shellPrefix
    ? spawn('bash', ['-c', `${options.shellPrefix}; exec ${command}`], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(argv[0]!, argv.slice(1), { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const acks: string[] = [];
  const stderr: string[] = [];
  const waiters: { count: number; done: () => void }[] = [];
  let buffered = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) if (line.startsWith('ack ')) acks.push(line.slice(4));
    for (const waiter of waiters.splice(0)) {
      if (acks.length >= waiter.count) waiter.done();
      else waiters.push(waiter);
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.on('exit', (code, signal) => done({ code, signal })),
  );
  return {
    child,
    acks,
    stderr,
    exited,
    waitForAcks(count) {
      if (acks.length >= count) return Promise.resolve();
      return new Promise<void>((done, fail) => {
        waiters.push({ count, done });
        void exited.then(({ code, signal }) => {
          if (acks.length < count) fail(new Error(`child exited (${code ?? signal}) after ${acks.length} acks: ${stderr.join('')}`));
        });
      });
    },
  };
}
