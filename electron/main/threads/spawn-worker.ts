import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';

export interface SpawnWorkerOptions {
  /** The entry's name in the main build (electron.vite.config.ts): `<name>.js` beside index.js. */
  readonly name: string;
  /** The TypeScript entry, for runs from source (tests, scripts under tsx or vitest). */
  readonly sourceEntry: string;
  readonly workerData?: unknown;
  readonly resourceLimits?: ResourceLimits;
}

/** The folder of the main build: this code runs from index.js or from a shared chunk beside it. */
function builtDir(): string {
  return basename(__dirname) === 'chunks' ? dirname(__dirname) : __dirname;
}

/**
 * Starts one of the main process's worker threads. In the built app it is the bundle's
 * `<name>.js` beside index.js; packaged, the asar's unpacked copy (electron-builder.yml), so
 * the thread starts from a real file rather than relying on asar support in worker threads.
 * Run from source, the TypeScript entry loads through tsx's require hook, with the
 * repository's tsconfig for the `@shared` paths.
 */
export function spawnWorker(options: SpawnWorkerOptions): Worker {
  const workerOptions = {
    ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
    ...(options.workerData !== undefined ? { workerData: options.workerData } : {}),
  };
  const built = join(builtDir(), `${options.name}.js`).replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
  if (existsSync(built)) return new Worker(built, workerOptions);
  const entry = options.sourceEntry;
  const tsx = createRequire(entry).resolve('tsx/cjs/api');
  const tsconfig = join(__dirname, '..', '..', '..', 'tsconfig.json');
  const bootstrap = [
    `process.env.TSX_TSCONFIG_PATH = ${JSON.stringify(tsconfig)};`,
    `require(${JSON.stringify(tsx)}).register();`,
    `require(${JSON.stringify(entry)});`,
  ].join('\n');
  return new Worker(bootstrap, { ...workerOptions, eval: true });
}
