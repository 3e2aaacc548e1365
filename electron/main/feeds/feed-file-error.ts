/** The file-level problems of a feed live in shared/ (the hub's import refuses files by the same rules). */
export * from '@shared/feeds/feed-file-error';
