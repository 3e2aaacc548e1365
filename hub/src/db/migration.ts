/** One forward-only step of the hub's schema. Never edit one that has shipped; add the next. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}
