/** Where a call came from, as Electron reports it (or as a test harness fakes it). */
export interface SenderInfo {
  /** URL of the frame that sent the message. */
  readonly url: string;
  /** True only for the top frame of the app's own window. */
  readonly isAppTopFrame: boolean;
}

/** The parts of an Electron WebFrameMain that identify a frame. */
export interface FrameLike {
  readonly url: string;
  readonly parent: FrameLike | null;
  readonly processId: number;
  readonly routingId: number;
}

/** The parts of an ipcMain.handle event this module reads. */
export interface InvokeEventLike {
  readonly sender: { readonly mainFrame: FrameLike };
  readonly senderFrame: FrameLike | null;
}

function isSameFrame(a: FrameLike, b: FrameLike): boolean {
  return a === b || (a.processId === b.processId && a.routingId === b.routingId);
}

/**
 * Describes where an IPC call came from. Only the top frame of the app's own window counts as
 * the app: an iframe, another window or a frame that has gone away (senderFrame null) does not.
 */
export function senderInfoFromEvent(event: InvokeEventLike, appWebContents: object | null): SenderInfo {
  const frame = event.senderFrame;
  if (!frame) return { url: '', isAppTopFrame: false };
  const isAppTopFrame =
    appWebContents !== null &&
    event.sender === appWebContents &&
    frame.parent === null &&
    isSameFrame(frame, event.sender.mainFrame);
  return { url: frame.url, isAppTopFrame };
}
