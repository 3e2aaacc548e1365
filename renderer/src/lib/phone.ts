/**
 * Shows an E.164 number the way agents read it back to callers: North American numbers as
 * "(214) 555-0123", Dutch numbers as "+31 6 1234 5678", anything else as stored.
 */
export function formatPhoneNumber(e164: string): string {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  if (nanp) return `(${nanp[1]}) ${nanp[2]}-${nanp[3]}`;
  const dutchMobile = /^\+31(6)(\d{4})(\d{4})$/.exec(e164);
  if (dutchMobile) return `+31 ${dutchMobile[1]} ${dutchMobile[2]} ${dutchMobile[3]}`;
  const dutch = /^\+31(\d{2})(\d{3})(\d{4})$/.exec(e164);
  if (dutch) return `+31 ${dutch[1]} ${dutch[2]} ${dutch[3]}`;
  return e164;
}
