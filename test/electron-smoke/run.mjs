#!/usr/bin/env node
/**
 * Electron smoke test (npm run test:electron): starts the built app in real Electron with a
 * fresh profile, signs in as alice, searches "muller" and opens Maria Müller's account.
 * Where Electron cannot run, it says so plainly and exits 1: a smoke test that did not run
 * must never look like one that passed.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(join(projectRoot, 'package.json'));
const MARIA = '287100000001';
const STEP_TIMEOUT_MS = 30_000;

function unavailable(reason) {
  console.error(`Electron is unavailable on this machine (${reason}); the Electron smoke test did not run.`);
  process.exit(1);
}

function fail(message) {
  console.error(`Electron smoke test failed: ${message}`);
  process.exit(1);
}

/** Finds the Electron binary without require('electron'), which would try to download it. */
function electronBinary() {
  const electronDir = dirname(require.resolve('electron/package.json'));
  const version = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile) && !process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    return { version, problem: `the Electron ${version} binary was never downloaded: ${pathFile} is missing` };
  }
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
  const binary = process.env.ELECTRON_OVERRIDE_DIST_PATH
    ? join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative)
    : join(electronDir, 'dist', relative);
  if (!existsSync(binary)) return { version, problem: `the Electron ${version} binary is missing at ${binary}` };
  return { version, binary };
}

async function main() {
  const electron = electronBinary();
  if (!electron.binary) unavailable(electron.problem);
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    unavailable('no display; run it under `xvfb-run -a npm run test:electron`');
  }
  for (const built of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']) {
    if (!existsSync(join(projectRoot, built))) fail(`${built} is missing; run \`npm run build\` first`);
  }
  const binding = join(projectRoot, '.cache', 'electron-native', electron.version, 'better_sqlite3.node');
  if (!existsSync(binding)) fail(`${binding} is missing; run \`node scripts/electron-native.mjs\` first`);

  const { _electron } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'ocd-electron-smoke-'));
  const env = { ...process.env, OCD_USER_DATA_DIR: profile };
  // The built app, not a dev server, is what this test is about.
  delete env.ELECTRON_RENDERER_URL;
  let app;
  try {
    app = await _electron.launch({
      executablePath: electron.binary,
      args: [projectRoot],
      cwd: projectRoot,
      env,
      timeout: 60_000,
    });
    const page = await app.firstWindow({ timeout: STEP_TIMEOUT_MS });
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    await page.waitForLoadState('domcontentloaded');

    const surface = await page.evaluate(() => ({
      href: location.href,
      desk: Object.keys(window.desk ?? {}).sort(),
      node: typeof window.require !== 'undefined' || typeof window.process !== 'undefined',
    }));
    if (surface.href !== 'app://desk/index.html') fail(`the window shows ${surface.href}, not app://desk/index.html`);
    if (surface.node) fail('Node globals are visible in the renderer');
    if (surface.desk.length === 0) fail('window.desk is missing: the preload did not run');

    await page.getByLabel('Username').fill('alice');
    await page.getByLabel('Password').fill('agent-demo-2024');
    await page.getByRole('button', { name: 'Sign in' }).click();

    const search = page.getByRole('combobox', { name: 'Find the caller' });
    await search.fill('muller');
    const maria = page.getByRole('option', { name: /Maria Müller/ });
    await maria.first().click();
    await page.getByRole('heading', { name: /Maria Müller/ }).first().waitFor();

    console.log(`Electron smoke test passed on Electron ${electron.version}: signed in as alice, found and opened account ${MARIA}.`);
  } finally {
    await app?.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error)));
