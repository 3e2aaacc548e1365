export interface TextLine {
  readonly text: string;
  /** 1-based line number in the file. */
  readonly line: number;
}

export interface LineSplitter {
  push(chunk: string): TextLine[];
  /** The text after the last line break, if any: a line that was cut off. */
  end(): TextLine | null;
}

/** Splits streamed text into lines (LF or CRLF), keeping count of line numbers; blank lines are dropped. */
export function createLineSplitter(): LineSplitter {
  let buffer = '';
  let line = 1;
  return {
    push(chunk) {
      buffer += chunk;
      const lines: TextLine[] = [];
      let pos = 0;
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n', pos)) {
        const end = nl > pos && buffer.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        if (end > pos) lines.push({ text: buffer.slice(pos, end), line });
        line += 1;
        pos = nl + 1;
      }
      buffer = buffer.slice(pos);
      return lines;
    },
    end() {
      const rest = buffer;
      buffer = '';
      return rest.trim().length > 0 ? { text: rest, line } : null;
    },
  };
}
