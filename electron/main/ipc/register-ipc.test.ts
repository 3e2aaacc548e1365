import { describe, expect, it, vi } from 'vitest';
import { wireChannel } from '@shared/ipc/channel-names';
import { channelNames } from '@shared/ipc/channels';
import type { Dispatch } from './dispatch';
import { registerIpc, type IpcMainLike } from './register-ipc';
import type { FrameLike, InvokeEventLike, SenderInfo } from '../window/sender-info';

type Listener = Parameters<IpcMainLike['handle']>[1];

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipcMain: IpcMainLike = {
    handle: vi.fn((channel: string, listener: Listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    }),
    removeHandler: vi.fn((channel: string) => {
      handlers.delete(channel);
    }),
  };
  return { ipcMain, handlers };
}

function frame(url: string, parent: FrameLike | null = null, routingId = 1): FrameLike {
  return { url, parent, processId: 7, routingId };
}

const appMainFrame = frame('app://desk/index.html');
const appContents = { mainFrame: appMainFrame };

function event(senderFrame: FrameLike | null, sender: { mainFrame: FrameLike } = appContents): InvokeEventLike {
  return { sender, senderFrame };
}

function setup() {
  const fake = fakeIpcMain();
  const dispatch = vi.fn<Dispatch>(async () => ({ ok: true, value: 'handled' }));
  const unregister = registerIpc(fake.ipcMain, dispatch, () => appContents);
  return { ...fake, dispatch, unregister };
}

describe('IPC registration', () => {
  it('registers exactly one ocd:<name> handler per declared channel', () => {
    const { handlers } = setup();
    expect([...handlers.keys()].sort()).toEqual(channelNames.map(wireChannel).sort());
  });

  it('routes each channel through dispatch with its own name, the input and the sender', async () => {
    const { handlers, dispatch } = setup();
    for (const name of channelNames) {
      const input = { probe: name };
      const reply = await handlers.get(wireChannel(name))!(event(appMainFrame), input);
      expect(reply).toEqual({ ok: true, value: 'handled' });
      expect(dispatch).toHaveBeenLastCalledWith(name, input, { url: 'app://desk/index.html', isAppTopFrame: true });
    }
    expect(dispatch).toHaveBeenCalledTimes(channelNames.length);
  });

  it('marks a subframe, another window or a vanished frame as not the app top frame', async () => {
    const { handlers, dispatch } = setup();
    const call = handlers.get(wireChannel('searchAccounts'))!;
    const senders: SenderInfo[] = [];
    dispatch.mockImplementation(async (_channel, _input, sender) => {
      senders.push(sender);
      return { ok: true, value: null };
    });
    await call(event(frame('app://desk/index.html', appMainFrame, 2)), {});
    const otherWindowFrame = frame('app://desk/index.html', null, 9);
    await call(event(otherWindowFrame, { mainFrame: otherWindowFrame }), {});
    await call(event(null), {});
    expect(senders).toEqual([
      { url: 'app://desk/index.html', isAppTopFrame: false },
      { url: 'app://desk/index.html', isAppTopFrame: false },
      { url: '', isAppTopFrame: false },
    ]);
  });

  it('answers INTERNAL instead of throwing when dispatch itself fails', async () => {
    const { handlers, dispatch } = setup();
    dispatch.mockRejectedValue(new Error('boom'));
    await expect(handlers.get(wireChannel('authSession'))!(event(appMainFrame), {})).resolves.toEqual({
      ok: false,
      error: { code: 'INTERNAL' },
    });
  });

  it('removes every handler it registered', () => {
    const { handlers, unregister, ipcMain } = setup();
    unregister();
    expect(handlers.size).toBe(0);
    expect(ipcMain.removeHandler).toHaveBeenCalledTimes(channelNames.length);
  });
});
