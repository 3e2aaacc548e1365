/** The packed form of a checked row lives in shared/ (the hub's import hashes rows the same way). */
export * from '@shared/feeds/packed-row';
