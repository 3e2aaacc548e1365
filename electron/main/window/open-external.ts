import { shell } from 'electron';

/**
 * Hosts the app may hand to the operator's browser. Empty until a feature needs a link out
 * (e.g. the utility's outage status page); add a host here with the reason, never a pattern.
 */
export const EXTERNAL_HOSTS: readonly string[] = [];

export type ExternalLinkDecision = { readonly allowed: true; readonly url: string } | { readonly allowed: false; readonly reason: string };

/**
 * Decides whether a URL may leave the app. Only https, only an exact allow-listed host, no
 * credentials and no non-default port: anything else could run a local handler (file:,
 * smb:, custom schemes) or land somewhere that looks like an allowed host.
 */
export function checkExternalUrl(candidate: string, hosts: readonly string[] = EXTERNAL_HOSTS): ExternalLinkDecision {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return { allowed: false, reason: 'not a URL' };
  }
  if (url.protocol !== 'https:') return { allowed: false, reason: `scheme ${url.protocol} is not https:` };
  if (url.username !== '' || url.password !== '') return { allowed: false, reason: 'URL carries credentials' };
  if (url.port !== '') return { allowed: false, reason: 'URL names a port' };
  if (!hosts.includes(url.hostname)) return { allowed: false, reason: `host ${url.hostname} is not allow-listed` };
  return { allowed: true, url: url.href };
}

/** The one place the app calls shell.openExternal (ESLint refuses it anywhere else). */
export async function openExternal(
  candidate: string,
  hosts: readonly string[] = EXTERNAL_HOSTS,
  open: (url: string) => Promise<void> = (url) => shell.openExternal(url),
): Promise<boolean> {
  const decision = checkExternalUrl(candidate, hosts);
  if (!decision.allowed) return false;
  await open(decision.url);
  return true;
}
