export interface TextLine {
  readonly text: string;
  /** 1-based line number in the file. */
  readonly line: number;
}

export interface LineSplitter {
  /** Calls `onLine` for each complete, non-blank line of what has come so far, in order. */
  push(chunk: string, onLine: (text: string, line: number) => void): void;
  /** The text after the last line break, if any: a line that was cut off. */
  end(): TextLine | null;
}

/**
 * Splits streamed text into lines (LF or CRLF), keeping count of line numbers; blank lines
 * are dropped. Lines go to a callback rather than into objects: an import splits millions.
 */
export function createLineSplitter(): LineSplitter {
  let buffer = '';
  let line = 1;
  return {
    push(chunk, onLine) {
      buffer = buffer.length > 0 ? buffer + chunk : chunk;
      let pos = 0;
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n', pos)) {
        const end = nl > pos && buffer.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        if (end > pos) onLine(buffer.slice(pos, end), line);
        line += 1;
        pos = nl + 1;
      }
      buffer = buffer.slice(pos);
    },
    end() {
      const rest = buffer;
      buffer = '';
      return rest.trim().length > 0 ? { text: rest, line } : null;
    },
  };
}
