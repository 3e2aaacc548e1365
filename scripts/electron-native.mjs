#!/usr/bin/env node
/**
 * Builds better-sqlite3 for the installed Electron's ABI into
 * .cache/electron-native/<electron-version>/better_sqlite3.node, which the unpackaged app
 * passes to better-sqlite3 as `nativeBinding`. node_modules/better-sqlite3/build is never
 * touched: it stays the Node build that the tests load.
 *
 * Order: nothing to do if the file exists; else prebuild-install (download) in a temporary
 * copy of the package sources; else node-gyp against Electron's headers. Every network step
 * has a deadline, so an offline machine gets a clear error instead of a hang.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(projectRoot, 'package.json'));

const PREBUILD_TIMEOUT_MS = 90_000;
const PROBE_TIMEOUT_MS = 10_000;
const COMPILE_TIMEOUT_MS = 20 * 60_000;
const HEADERS_URL = 'https://electronjs.org/headers';

/** Same path as electron/main/app/native-binding.ts. */
export function electronNativeBindingPath(root, electronVersion) {
  return join(root, '.cache', 'electron-native', electronVersion, 'better_sqlite3.node');
}

/**
 * npm on this kind of machine sets nodedir=/usr; node-gyp would then build against Node's
 * headers and report success with a Node build. Drop it, and any other npm_config_ that
 * would override the flags given here.
 */
export function cleanBuildEnv(env) {
  const overridden = ['nodedir', 'target', 'runtime', 'disturl', 'dist_url', 'arch', 'build_from_source'];
  return Object.fromEntries(
    Object.entries(env).filter(([key]) => !overridden.some((name) => key.toLowerCase() === `npm_config_${name}`)),
  );
}

class NativeBuildError extends Error {}

function log(message) {
  console.log(`[electron-native] ${message}`);
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function copyPackageSources(packageDir, into) {
  for (const entry of ['package.json', 'binding.gyp', 'src', 'deps', 'lib']) {
    cpSync(join(packageDir, entry), join(into, entry), { recursive: true });
  }
}

function run(label, command, args, options) {
  log(`${label}: ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error?.code === 'ETIMEDOUT') return `${label} did not finish within ${Math.round(options.timeout / 1000)} s`;
  if (result.error) return `${label} could not start: ${result.error.message}`;
  if (result.status !== 0) return `${label} exited with code ${result.status ?? result.signal}`;
  return null;
}

function tryPrebuild(workDir, electronVersion, env) {
  const bin = join(dirname(require.resolve('prebuild-install/package.json')), 'bin.js');
  return run('prebuild-install', process.execPath, [bin, '--runtime', 'electron', '--target', electronVersion, '--arch', process.arch, '--verbose'], {
    cwd: workDir,
    env,
    timeout: PREBUILD_TIMEOUT_MS,
  });
}

function findNodeGyp() {
  const candidates = [
    process.env.npm_config_node_gyp,
    join(dirname(dirname(process.execPath)), 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ];
  try {
    candidates.push(require.resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    // not a dependency of the project; npm's bundled copy is the usual one
  }
  return candidates.find((candidate) => candidate && existsSync(candidate)) ?? null;
}

async function headersReachable(electronVersion) {
  const url = `${HEADERS_URL}/v${electronVersion}/node-v${electronVersion}-headers.tar.gz`;
  try {
    const response = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    return response.ok ? null : `${url} answered HTTP ${response.status}`;
  } catch (error) {
    return `${url} is unreachable (${error.cause?.code ?? error.name})`;
  }
}

async function tryNodeGyp(workDir, electronVersion, env) {
  const nodeGyp = findNodeGyp();
  if (!nodeGyp) return 'node-gyp was not found (neither npm_config_node_gyp nor npm\'s bundled copy)';
  const devDir = env.npm_config_devdir ?? join(homedir(), '.cache', 'node-gyp');
  const headersCached = existsSync(join(devDir, electronVersion, 'include', 'node', 'node.h'));
  if (!headersCached) {
    // node-gyp's own download has no deadline; probe first so an offline machine fails fast.
    const unreachable = await headersReachable(electronVersion);
    if (unreachable) return `Electron ${electronVersion} headers are not cached in ${devDir} and ${unreachable}`;
  }
  return run(
    'node-gyp',
    process.execPath,
    [nodeGyp, 'rebuild', '--release', '--runtime=electron', `--target=${electronVersion}`, `--dist-url=${HEADERS_URL}`, `--arch=${process.arch}`],
    { cwd: workDir, env, timeout: COMPILE_TIMEOUT_MS },
  );
}

/**
 * A Node build loads under this Node; an Electron build is refused with Electron's
 * NODE_MODULE_VERSION. Anything else is not the binary we want.
 */
export function checkIsElectronBuild(file, expectedAbi) {
  const probe = spawnSync(process.execPath, ['-e', `process.dlopen({ exports: {} }, ${JSON.stringify(file)})`], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (probe.status === 0) return `${file} loads in Node ${process.version}: it is a Node build, not an Electron one`;
  const abi = /NODE_MODULE_VERSION (\d+)/.exec(probe.stderr ?? '')?.[1];
  if (expectedAbi && abi && abi !== expectedAbi) return `${file} is built for ABI ${abi}, Electron needs ${expectedAbi}`;
  return null;
}

async function main() {
  const electronDir = dirname(require.resolve('electron/package.json'));
  const electronVersion = readJson(join(electronDir, 'package.json')).version;
  const electronAbi = existsSync(join(electronDir, 'abi_version')) ? readFileSync(join(electronDir, 'abi_version'), 'utf8').trim() : null;
  const target = electronNativeBindingPath(projectRoot, electronVersion);
  if (existsSync(target)) {
    log(`better-sqlite3 for Electron ${electronVersion} is ready: ${target}`);
    return;
  }

  const packageDir = dirname(require.resolve('better-sqlite3/package.json'));
  const packageVersion = readJson(join(packageDir, 'package.json')).version;
  log(`building better-sqlite3 ${packageVersion} for Electron ${electronVersion} (ABI ${electronAbi ?? 'unknown'})`);
  const workDir = mkdtempSync(join(tmpdir(), 'ocd-electron-native-'));
  const failures = [];
  try {
    copyPackageSources(packageDir, workDir);
    const env = cleanBuildEnv(process.env);
    const built = join(workDir, 'build', 'Release', 'better_sqlite3.node');

    for (const attempt of [() => tryPrebuild(workDir, electronVersion, env), () => tryNodeGyp(workDir, electronVersion, env)]) {
      const failure = (await attempt()) ?? (existsSync(built) ? checkIsElectronBuild(built, electronAbi) : `no ${built} was produced`);
      if (!failure) {
        mkdirSync(dirname(target), { recursive: true });
        const partial = `${target}.partial-${process.pid}`;
        copyFileSync(built, partial);
        renameSync(partial, target);
        log(`better-sqlite3 for Electron ${electronVersion} written to ${target}`);
        return;
      }
      failures.push(failure);
      rmSync(join(workDir, 'build'), { recursive: true, force: true });
    }
    throw new NativeBuildError(
      [
        `Could not get better-sqlite3 ${packageVersion} for Electron ${electronVersion}:`,
        ...failures.map((failure) => `  - ${failure}`),
        'The Electron app cannot open its database without it. With network access, run',
        '`node scripts/electron-native.mjs` again (it downloads a prebuilt binary or Electron\'s headers);',
        `or place a build for Electron ${electronVersion} at ${target}.`,
        'Tests are unaffected: they use the Node build in node_modules/better-sqlite3/build.',
      ].join('\n'),
    );
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error instanceof NativeBuildError ? error.message : error);
    process.exit(1);
  });
}
