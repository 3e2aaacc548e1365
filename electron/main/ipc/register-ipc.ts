import { wireChannel } from '@shared/ipc/channel-names';
import { channelNames } from '@shared/ipc/channels';
import { err } from '@shared/ipc/result';
import type { Dispatch } from './dispatch';
import { senderInfoFromEvent, type InvokeEventLike } from '../window/sender-info';

/** The slice of Electron's ipcMain used here; injected so this module runs under plain Node. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/**
 * The one place that calls ipcMain.handle: one handler per declared channel, each routed
 * through dispatch. Returns a function that removes them again (called on quit).
 */
export function registerIpc(
  ipcMain: IpcMainLike,
  dispatch: Dispatch,
  appWebContents: () => object | null,
  onError: (error: unknown) => void = () => {},
): () => void {
  const wired = channelNames.map((name) => {
    const wire = wireChannel(name);
    ipcMain.handle(wire, async (event, input) => {
      try {
        return await dispatch(name, input, senderInfoFromEvent(event, appWebContents()));
      } catch (error) {
        // dispatch returns errors as values; this only guards the event plumbing itself.
        onError(error);
        return err('INTERNAL');
      }
    });
    return wire;
  });
  return function unregisterIpc() {
    for (const wire of wired) ipcMain.removeHandler(wire);
  };
}
