import type { fileProblemCodes } from '../ipc/feed-channels';

/** Why a whole file is refused before any of it is applied. */
export type FileProblem = (typeof fileProblemCodes)[number];

export class FeedFileError extends Error {
  constructor(
    readonly problem: FileProblem,
    readonly line: number | null,
    readonly detail: string,
  ) {
    super(`${problem}${line === null ? '' : ` at line ${line}`}: ${detail}`);
    this.name = 'FeedFileError';
  }
}
