import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { feedEntities, type FeedEntity } from './feed-entities';
import { feedFields } from './feed-fields';
import { checkFeedRow } from './row-problem';

const doc = readFileSync(resolve(__dirname, '../../docs/FEEDS.md'), 'utf8');

interface DocumentedFeed {
  fields: Array<{ name: string; kind: string; required: boolean }>;
  example: unknown;
}

/** Reads the `## <feed>` sections of FEEDS.md: the field table and the example row. */
function documented(entity: FeedEntity): DocumentedFeed | null {
  const start = doc.indexOf(`\n## ${entity}\n`);
  if (start < 0) return null;
  const rest = doc.slice(start + 1);
  const end = rest.indexOf('\n## ', 1);
  const section = end < 0 ? rest : rest.slice(0, end);
  const fields = [...section.matchAll(/^\| `([a-z0-9_]+)` \| ([a-z]+) \| (yes|no) \|/gm)].map((m) => ({
    name: m[1] as string,
    kind: m[2] as string,
    required: m[3] === 'yes',
  }));
  const example = /```json\n(.+)\n```/.exec(section)?.[1];
  return { fields, example: example === undefined ? undefined : JSON.parse(example) };
}

describe('docs/FEEDS.md matches the feed schemas', () => {
  it.each(feedEntities)('documents every field of %s with its type and whether it is required, in order', (entity) => {
    const section = documented(entity);
    expect(section, `add a "## ${entity}" section to docs/FEEDS.md`).not.toBeNull();
    expect(section?.fields).toEqual(feedFields(entity).map((f) => ({ name: f.name, kind: f.kind, required: f.required })));
  });

  it.each(feedEntities)('gives an example row of %s that the schema accepts', (entity) => {
    const example = documented(entity)?.example;
    expect(example).toBeDefined();
    expect(checkFeedRow(entity, example)).toMatchObject({ ok: true });
  });

  it('fails when a documented field is not in the schema (the check itself works)', () => {
    const fields = feedFields('lines').map((f) => f.name);
    expect(fields).not.toContain('nickname');
    expect(checkFeedRow('lines', { ...(documented('lines')?.example as object), nickname: 'x' })).toMatchObject({
      ok: false,
      problem: { field: 'nickname', reason: 'unknown_field' },
    });
  });
});
