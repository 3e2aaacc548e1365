import { describe, expect, it, vi } from 'vitest';
import { denyAllPermissions, guardWebContents, type GuardedSession, type GuardedWebContents } from './security-handlers';

type Listener = (event: { preventDefault(): void }) => void;

function fakeWebContents() {
  const listeners = new Map<string, Listener[]>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    on(event: string, listener: Listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return contents;
    },
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      openHandler = handler;
    },
  };
  return {
    contents: contents as unknown as GuardedWebContents,
    emit(event: string) {
      const preventDefault = vi.fn();
      for (const listener of listeners.get(event) ?? []) listener({ preventDefault });
      return preventDefault;
    },
    openWindow: (url: string) => openHandler?.({ url }),
  };
}

describe('web contents guards', () => {
  it.each(['will-navigate', 'will-redirect', 'will-frame-navigate', 'will-attach-webview'])('prevents %s', (event) => {
    const fake = fakeWebContents();
    guardWebContents(fake.contents);
    expect(fake.emit(event)).toHaveBeenCalledTimes(1);
  });

  it('denies every window.open, whatever the URL', () => {
    const fake = fakeWebContents();
    guardWebContents(fake.contents);
    for (const url of ['app://desk/index.html', 'https://example.com/', 'file:///etc/passwd', 'about:blank']) {
      expect(fake.openWindow(url)).toEqual({ action: 'deny' });
    }
  });
});

describe('permissions', () => {
  it('refuses every permission request and answers every permission check with no', () => {
    let request: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null = null;
    let check: ((...args: unknown[]) => boolean) | null = null;
    const session: GuardedSession = {
      setPermissionRequestHandler: (handler) => {
        request = handler;
      },
      setPermissionCheckHandler: (handler) => {
        check = handler;
      },
    };
    denyAllPermissions(session);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      const callback = vi.fn();
      request!({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(check!({}, permission, 'app://desk', {})).toBe(false);
    }
  });
});
