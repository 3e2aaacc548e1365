/**
 * Runs Doyensec's Electronegativity on the main-process and preload sources plus the renderer's
 * HTML shell, and fails on any finding that is not on the justified allow-list below.
 * Electronegativity exits 0 even with findings, so its SARIF output is parsed here.
 *
 *   npx tsx scripts/security-scan.ts      (also run by test/security/electronegativity.test.ts)
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface ScanFinding {
  readonly check: string;
  /** Path relative to the project root, forward slashes. */
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

export interface AllowedFinding {
  readonly check: string;
  readonly file: string;
  readonly why: string;
}

/**
 * Findings a reviewer looked at and accepted. Each one names the check, the file and the reason;
 * anything else fails the gate. Keep the reasons true: most are backed by a test named here.
 */
export const ALLOWED_FINDINGS: readonly AllowedFinding[] = [
  {
    check: 'PROTOCOL_HANDLER_JS_CHECK',
    file: 'electron/main/screen-pop/os-links.ts',
    why:
      'The outage-credit-desk:// handler exists for the phone system screen-pop. A link is parsed strictly by ' +
      'parseScreenPopLink (scheme, path and parameters allow-listed; property-tested in shared/screen-pop) and ' +
      'can only ever ask for a lookup of one phone number or account; nothing in it is loaded or executed.',
  },
  {
    check: 'CONTEXT_ISOLATION_JS_CHECK',
    file: 'electron/main/window/create-main-window.ts',
    why:
      'The scanner cannot follow webPreferences built by appWebPreferences() in window-options.ts; that ' +
      'function sets contextIsolation: true (window-options.test.ts) and ESLint refuses contextIsolation: false anywhere.',
  },
  {
    check: 'SANDBOX_JS_CHECK',
    file: 'electron/main/window/create-main-window.ts',
    why:
      'Same indirection: appWebPreferences() sets sandbox: true, index.ts calls app.enableSandbox(), and ESLint ' +
      'refuses sandbox: false.',
  },
  {
    check: 'AUXCLICK_JS_CHECK',
    file: 'electron/main/window/create-main-window.ts',
    why:
      'Middle-click can only ask for a new window, and guardWebContents() answers every window.open with deny ' +
      'and prevents every navigation (security-handlers.test.ts).',
  },
  {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'electron/main/window/open-external.ts',
    why:
      'The one allowed call: checkExternalUrl() lets through only https URLs on exact allow-listed hosts ' +
      '(open-external.test.ts), and ESLint refuses shell.openExternal in any other file.',
  },
  {
    check: 'DANGEROUS_FUNCTIONS_JS_CHECK',
    file: 'electron/main/hub-sync/hub-client.ts',
    why:
      'The scanner matches the name setTimeout: these are node:http stall timeouts on the hub connection ' +
      '(ClientRequest.setTimeout and IncomingMessage.setTimeout with a number of milliseconds and a function ' +
      'that destroys the stream), not the global timer with a string; nothing the hub sends is evaluated.',
  },
  {
    check: 'CSP_GLOBAL_CHECK',
    file: 'renderer/index.html',
    why:
      "csp-evaluator marks script-src 'self' as possibly weak for sites that host JSONP, Angular or uploads. " +
      'app://desk serves only the built renderer files (resolve-app-file.test.ts); there is nothing else on that origin.',
  },
];

const SCANNER = resolve(__dirname, '../node_modules/@doyensec/electronegativity/dist/index.js');
// Wants the network to fetch Electron release notes; the machine is offline.
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];
const ELECTRON_VERSION = '45.5.0';

interface SarifResult {
  ruleId: string;
  message?: { text?: string };
  locations?: { physicalLocation?: { artifactLocation?: { uri?: string }; region?: { startLine?: number } } }[];
}

export function parseSarif(text: string): ScanFinding[] {
  const sarif = JSON.parse(text) as { runs?: { results?: SarifResult[] }[] };
  return (sarif.runs ?? []).flatMap((run) =>
    (run.results ?? []).map((result) => {
      const location = result.locations?.[0]?.physicalLocation;
      return {
        check: result.ruleId,
        file: (location?.artifactLocation?.uri ?? 'N/A').replace(/\\/g, '/'),
        line: location?.region?.startLine ?? 0,
        message: result.message?.text ?? '',
      };
    }),
  );
}

export function unexpectedFindings(findings: readonly ScanFinding[], allowed: readonly AllowedFinding[] = ALLOWED_FINDINGS): ScanFinding[] {
  return findings.filter((finding) => !allowed.some((entry) => entry.check === finding.check && entry.file === finding.file));
}

/**
 * Scans a copy holding electron/ and renderer/index.html, so the scanner sees the main process,
 * the preload and the page's CSP meta tag, and never node_modules or build output.
 */
export async function runElectronegativity(projectRoot: string = resolve(__dirname, '..')): Promise<ScanFinding[]> {
  const stage = mkdtempSync(join(tmpdir(), 'ocd-electronegativity-'));
  try {
    cpSync(join(projectRoot, 'electron'), join(stage, 'electron'), { recursive: true });
    mkdirSync(join(stage, 'renderer'));
    cpSync(join(projectRoot, 'renderer', 'index.html'), join(stage, 'renderer', 'index.html'));
    const output = join(stage, 'findings.sarif');
    await new Promise<void>((done, fail) => {
      execFile(
        process.execPath,
        [SCANNER, '-i', stage, '-x', EXCLUDED_CHECKS.join(','), '-e', ELECTRON_VERSION, '-r', '-v', 'false', '-o', output],
        { cwd: stage, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
        (error, _stdout, stderr) => (error ? fail(new Error(`Electronegativity failed: ${error.message}\n${stderr}`)) : done()),
      );
    });
    return parseSarif(readFileSync(output, 'utf8'));
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const findings = await runElectronegativity();
  const unexpected = unexpectedFindings(findings);
  for (const finding of findings) {
    const mark = unexpected.includes(finding) ? 'FAIL' : 'allowed';
    console.log(`${mark.padEnd(7)} ${finding.check} ${finding.file}:${finding.line} ${finding.message}`);
  }
  console.log(`${findings.length} findings, ${unexpected.length} not on the allow-list`);
  if (unexpected.length > 0) process.exitCode = 1;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(__filename)) void main();
