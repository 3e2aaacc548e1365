import { describe, expect, it, vi } from 'vitest';
import { takeScreenPopLinks, type ScreenPopLinkApp } from './os-links';
import { createScreenPopInbox, type ScreenPopInbox } from './screen-pop-inbox';

function fakeApp(gotLock = true) {
  const listeners = new Map<string, Array<(...args: unknown[]) => void>>();
  const app = {
    requestSingleInstanceLock: vi.fn(() => gotLock),
    quit: vi.fn(),
    setAsDefaultProtocolClient: vi.fn(() => true),
    on: vi.fn((event: string, listener: (...args: unknown[]) => void) => listeners.set(event, [...(listeners.get(event) ?? []), listener])),
  };
  const emit = (event: string, ...args: unknown[]) => (listeners.get(event) ?? []).forEach((listener) => listener(...args));
  return { app: app as unknown as ScreenPopLinkApp & typeof app, emit };
}

function recordingInbox(): ScreenPopInbox & { offered: string[] } {
  const offered: string[] = [];
  return { ...createScreenPopInbox(), offer: (link: string) => void offered.push(link), offered };
}

const link = (account: string) => `outage-credit-desk://lookup?account=${account}`;

describe("main's half of a protocol link", () => {
  it('another instance runs: quits, takes no link and registers nothing', () => {
    const { app } = fakeApp(false);
    expect(takeScreenPopLinks(app, () => null, ['/opt/ocd/ocd', link('287100000001')])).toBeNull();
    expect(app.quit).toHaveBeenCalled();
    expect(app.on).not.toHaveBeenCalled();
    expect(app.setAsDefaultProtocolClient).not.toHaveBeenCalled();
  });

  it("this launch's own link, and the newest one that came before the backend, reach the inbox once it is attached", () => {
    const { app } = fakeApp();
    const links = takeScreenPopLinks(app, () => null, ['/opt/ocd/ocd', '--flag', link('287100000001')])!;
    expect(app.setAsDefaultProtocolClient).toHaveBeenCalledWith('outage-credit-desk');
    const inbox = recordingInbox();
    links.attach(inbox);
    expect(inbox.offered).toEqual([link('287100000001')]);

    const { app: later, emit: laterEmit } = fakeApp();
    const early = takeScreenPopLinks(later, () => null, [])!;
    const preventDefault = vi.fn();
    laterEmit('open-url', { preventDefault }, link('287100000002'));
    laterEmit('second-instance', {}, ['/opt/ocd/ocd', link('287100000003')], '/');
    expect(preventDefault).toHaveBeenCalled();
    const second = recordingInbox();
    early.attach(second);
    expect(second.offered).toEqual([link('287100000003')]);
  });

  it('after attach: second-instance and open-url links go to the inbox at once; a launch without a link offers nothing', () => {
    const { app, emit } = fakeApp();
    const window = { isDestroyed: () => false, isMinimized: () => false, restore: vi.fn(), show: vi.fn(), focus: vi.fn() };
    const links = takeScreenPopLinks(app, () => window, [])!;
    const inbox = recordingInbox();
    links.attach(inbox);
    expect(inbox.offered).toEqual([]);
    emit('second-instance', {}, ['/opt/ocd/ocd', '--no-link'], '/');
    expect(inbox.offered).toEqual([]);
    expect(window.focus).toHaveBeenCalledTimes(1);
    emit('second-instance', {}, ['/opt/ocd/ocd', link('287100000004')], '/');
    emit('open-url', { preventDefault: vi.fn() }, link('287100000005'));
    emit('open-url', { preventDefault: vi.fn() }, 42);
    expect(inbox.offered).toEqual([link('287100000004'), link('287100000005')]);
  });

  it('a link from the operating system ends as a parsed lookup (or a refusal) in the real inbox', async () => {
    const { app, emit } = fakeApp();
    const links = takeScreenPopLinks(app, () => null, [])!;
    const inbox = createScreenPopInbox();
    links.attach(inbox);
    emit('second-instance', {}, ['/opt/ocd/ocd', 'outage-credit-desk://lookup?phone=(212)%20555-0147&call=C-1'], '/');
    expect(await inbox.next(10)).toEqual({ ok: true, lookup: { by: 'phone', phone: '+12125550147', callId: 'C-1' } });
    emit('open-url', { preventDefault: vi.fn() }, 'outage-credit-desk://delete?account=287100000001');
    expect(await inbox.next(10)).toMatchObject({ ok: false });
  });
});
