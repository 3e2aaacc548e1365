import type { SenderInfo } from './sender-info';

export const APP_SCHEME = 'app';
export const APP_HOST = 'desk';
export const APP_ORIGIN_URL = `${APP_SCHEME}://${APP_HOST}/`;

/** A page origin the app loads itself from, as URL protocol and host. */
export interface AppOrigin {
  readonly protocol: string;
  readonly host: string;
}

/** app://desk always; in development also the electron-vite dev server the window loads. */
export function appOrigins(devServerUrl?: string): AppOrigin[] {
  const origins: AppOrigin[] = [{ protocol: `${APP_SCHEME}:`, host: APP_HOST }];
  if (devServerUrl) {
    const dev = new URL(devServerUrl);
    origins.push({ protocol: dev.protocol, host: dev.host });
  }
  return origins;
}

/**
 * True only for the top frame of the app's own window showing one of its own pages.
 * Compares protocol and host because `new URL('app://desk/').origin` is the string 'null'.
 */
export function isTrustedSender(sender: SenderInfo, origins: readonly AppOrigin[]): boolean {
  if (!sender.isAppTopFrame) return false;
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '') return false;
  return origins.some((origin) => url.protocol === origin.protocol && url.host === origin.host);
}
