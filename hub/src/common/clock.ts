/** The hub's only source of "now"; tests pass a clock they move by hand. */
export type Clock = () => Date;

export function systemClock(): Date {
  return new Date();
}
