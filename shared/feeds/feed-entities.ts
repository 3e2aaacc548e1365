/** The feeds, in the order they are loaded: each may refer only to those before it. */
export const feedEntities = ['accounts', 'lines', 'outages', 'impacts', 'credit_policies', 'credits'] as const;
export type FeedEntity = (typeof feedEntities)[number];

export const feedFormats = ['ndjson', 'csv'] as const;
export type FeedFormat = (typeof feedFormats)[number];

export interface FeedFileKind {
  readonly entity: FeedEntity;
  readonly format: FeedFormat;
}

const FEED_FILE_NAME = /^(accounts|lines|outages|impacts|credit_policies|credits)(?:[._-][A-Za-z0-9._-]*)?\.(ndjson|jsonl|csv)$/i;

/**
 * The entity and format a file holds, from its name alone: `accounts.ndjson`, `lines.csv`,
 * `outages-2024-02-22.csv`. Null for any other name, so an unrelated file is never read.
 */
export function detectFeedFile(fileName: string): FeedFileKind | null {
  const match = FEED_FILE_NAME.exec(fileName);
  if (!match) return null;
  const entity = (match[1] as string).toLowerCase() as FeedEntity;
  const ext = (match[2] as string).toLowerCase();
  return { entity, format: ext === 'csv' ? 'csv' : 'ndjson' };
}

export function feedLoadOrder(entity: FeedEntity): number {
  return feedEntities.indexOf(entity);
}
