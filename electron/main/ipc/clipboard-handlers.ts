import { ok } from '@shared/ipc/result';
import type { Handlers } from './handlers';

/** The system clipboard, write only: Electron's clipboard in the app, a recorder in tests. */
export interface ClipboardPort {
  writeText(text: string): void;
}

/** Where the app gives none (tests, the demo harness): copying does nothing and says it worked. */
export const noClipboard: ClipboardPort = { writeText: () => undefined };

export function createClipboardHandlers(clipboard: ClipboardPort): Pick<Handlers, 'clipboardWriteText'> {
  return {
    clipboardWriteText: ({ text }) => {
      clipboard.writeText(text);
      return ok({});
    },
  };
}
