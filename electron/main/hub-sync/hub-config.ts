import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { HubConfigFile, type HubConfigErrorCode } from '@shared/hub/hub-config';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const URL_RULE = 'https, or http on loopback only; no credentials, query or fragment';

/** Plain http is for a hub on this machine only (the demo, tests); any other host needs https. */
function isAcceptableHubUrl(url: URL): boolean {
  if (url.username || url.password || url.search || url.hash) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}

/** Where this desktop's hub is, or why it has none. */
export type HubSetting =
  | { readonly mode: 'standalone' }
  | { readonly mode: 'hub'; readonly url: string; readonly ca: string | null; readonly source: string }
  | { readonly mode: 'invalid'; readonly code: HubConfigErrorCode; readonly source: string; readonly problem: string };

export interface FileFacts {
  readonly uid: number;
  readonly mode: number;
}

/** What the loader reads; the app passes the real machine, tests a fake one. */
export interface HubConfigSources {
  readonly isPackaged: boolean;
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Throws with `code: 'ENOENT'` when the file is not there. */
  readonly readFile: (path: string) => string;
  readonly stat: (path: string) => FileFacts;
}

export function machineSources(isPackaged: boolean): HubConfigSources {
  return {
    isPackaged,
    platform: process.platform,
    env: process.env,
    readFile: (path) => readFileSync(path, 'utf8'),
    stat: (path) => statSync(path),
  };
}

/** The machine-wide file, in a folder only an administrator (root, SYSTEM) can write. */
export function machineHubConfigPath(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): string {
  if (platform === 'win32') return join(env.ProgramData || 'C:\\ProgramData', 'Outage Credit Desk', 'hub.json');
  if (platform === 'darwin') return '/Library/Application Support/Outage Credit Desk/hub.json';
  return '/etc/outage-credit-desk/hub.json';
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

function invalid(code: HubConfigErrorCode, source: string, problem: string): HubSetting {
  return { mode: 'invalid', code, source, problem };
}

/**
 * On POSIX a packaged build trusts the file (and the CA it names) only when root owns it and
 * nobody else may write it: otherwise the operator could point the desktop at a hub of their own.
 * (On Windows %ProgramData% is writable only by administrators unless the site changed that.)
 */
function insecurity(sources: HubConfigSources, path: string): string | null {
  if (!sources.isPackaged || sources.platform === 'win32') return null;
  const facts = sources.stat(path);
  if (facts.uid !== 0) return `${path} must be owned by root`;
  if ((facts.mode & 0o022) !== 0) return `${path} must not be writable by group or others`;
  return null;
}

function readCa(sources: HubConfigSources, source: string, caFile: string | undefined): HubSetting | string | null {
  if (caFile === undefined) return null;
  if (!isAbsolute(caFile)) return invalid('HUB_CONFIG_INVALID', source, `caFile must be an absolute path: ${caFile}`);
  let pem: string;
  try {
    pem = sources.readFile(caFile);
    const insecure = insecurity(sources, caFile);
    if (insecure) return invalid('HUB_CONFIG_INSECURE', source, insecure);
  } catch (error) {
    return invalid('HUB_CA_UNREADABLE', source, `${caFile}: ${(error as Error).message}`);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) return invalid('HUB_CA_UNREADABLE', source, `${caFile} holds no PEM certificate`);
  return pem;
}

function fromFile(sources: HubConfigSources, path: string, text: string): HubSetting {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return invalid('HUB_CONFIG_INVALID', path, `not JSON: ${(error as Error).message}`);
  }
  const parsed = HubConfigFile.safeParse(json);
  if (!parsed.success) {
    const problem = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`).join('; ');
    return invalid('HUB_CONFIG_INVALID', path, problem);
  }
  if (!isAcceptableHubUrl(new URL(parsed.data.url))) return invalid('HUB_CONFIG_INVALID', path, `url: ${URL_RULE}`);
  const ca = readCa(sources, path, parsed.data.caFile);
  if (ca !== null && typeof ca !== 'string') return ca;
  return { mode: 'hub', url: new URL(parsed.data.url).origin, ca, source: path };
}

function fromEnvironment(sources: HubConfigSources): HubSetting {
  const text = sources.env.OCD_HUB_URL;
  if (!text) return { mode: 'standalone' };
  const source = 'OCD_HUB_URL';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return invalid('HUB_CONFIG_INVALID', source, `not a URL: ${text}`);
  }
  if (!isAcceptableHubUrl(url)) return invalid('HUB_CONFIG_INVALID', source, URL_RULE);
  const ca = readCa(sources, source, sources.env.OCD_HUB_CA_FILE || undefined);
  if (ca !== null && typeof ca !== 'string') return ca;
  return { mode: 'hub', url: url.origin, ca, source };
}

/**
 * Finds the hub: the machine-wide file first; in a development build only, then the
 * OCD_HUB_URL / OCD_HUB_CA_FILE environment. Nothing found means standalone, as before hubs.
 * A bad file is a coded answer, never a throw: the app starts and says what is wrong.
 */
export function loadHubSetting(sources: HubConfigSources): HubSetting {
  const path = machineHubConfigPath(sources.platform, sources.env);
  let text: string | null;
  try {
    text = sources.readFile(path);
  } catch (error) {
    if (!isMissing(error)) return invalid('HUB_CONFIG_UNREADABLE', path, (error as Error).message);
    text = null;
  }
  if (text !== null) {
    const insecure = insecurity(sources, path);
    if (insecure) return invalid('HUB_CONFIG_INSECURE', path, insecure);
    return fromFile(sources, path, text);
  }
  return sources.isPackaged ? { mode: 'standalone' } : fromEnvironment(sources);
}
