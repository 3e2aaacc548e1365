import type { DeskApi } from '@shared/ipc/api';
import { channelNameList, wireChannel } from '@shared/ipc/channel-names';

/** ipcRenderer.invoke, narrowed so the bridge can only reach declared channels. */
export type Invoke = (wireChannel: string, input: unknown) => Promise<unknown>;

/**
 * One function per declared channel and nothing else: no generic invoke, no ipcRenderer.
 * Main validates every reply's shape on its side; the renderer trusts only the Result type.
 */
export function buildDeskApi(invoke: Invoke): DeskApi {
  const entries = channelNameList.map((name) => {
    const wire = wireChannel(name);
    return [name, (input: unknown) => invoke(wire, input)] as const;
  });
  return Object.freeze(Object.fromEntries(entries)) as DeskApi;
}
