/** The targets of DESIGN.md section 7 that this benchmark measures. */
export const targets = {
  searchP99Ms: 5,
  handlerOverRaw: 2,
  openP50Ms: 200,
  rssMb: 300,
} as const;
