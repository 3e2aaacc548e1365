import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DESK_GLOBAL } from '@shared/ipc/api';
import { channelNameList } from '@shared/ipc/channel-names';
import { wireChannel } from '@shared/ipc/channel-names';
import { channelNames } from '@shared/ipc/channels';

const exposed = vi.hoisted(() => new Map<string, unknown>());
const invoke = vi.hoisted(() => vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } })));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: vi.fn((key: string, api: unknown) => exposed.set(key, api)) },
  ipcRenderer: { invoke, send: vi.fn(), on: vi.fn(), sendSync: vi.fn() },
}));

beforeEach(async () => {
  exposed.clear();
  invoke.mockClear();
  vi.resetModules();
  await import('./index');
});

describe('preload bridge', () => {
  it('exposes only window.desk', () => {
    expect([...exposed.keys()]).toEqual([DESK_GLOBAL]);
  });

  it('holds exactly one function per declared channel and nothing else', () => {
    const api = exposed.get(DESK_GLOBAL) as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...channelNames].sort());
    for (const name of channelNames) expect(typeof api[name]).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('ipcRenderer');
  });

  it('sends each call on its own ocd: wire channel with the input unchanged', async () => {
    const api = exposed.get(DESK_GLOBAL) as Record<string, (input: unknown) => Promise<unknown>>;
    for (const name of channelNames) {
      const input = { marker: name };
      await expect(api[name]!(input)).resolves.toEqual({ ok: true, value: { channel: `ocd:${name}`, input } });
    }
    expect(invoke.mock.calls.map(([channel]) => channel)).toEqual(channelNames.map(wireChannel));
  });

  it('keeps the zod-free channel list equal to the channel declarations', () => {
    expect([...channelNameList].sort()).toEqual([...channelNames].sort());
  });
});
