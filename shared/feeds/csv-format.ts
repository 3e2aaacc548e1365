const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV cell, quoted only when RFC 4180 requires it, so the same values always give the same bytes. */
function csvCell(value: string | number): string {
  const text = typeof value === 'number' ? String(value) : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record with its CRLF line break (RFC 4180). */
export function csvRecord(values: ReadonlyArray<string | number>): string {
  return values.map(csvCell).join(',') + '\r\n';
}
