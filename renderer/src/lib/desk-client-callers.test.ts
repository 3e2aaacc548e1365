import { describe, expect, it } from 'vitest';

// The renderer's own sources as text: tests and test helpers excluded, they fake the bridge on purpose.
const sources = import.meta.glob<string>(['/renderer/src/**/*.{ts,tsx}', '!/renderer/src/**/*.test.{ts,tsx}', '!/renderer/src/test/**'], {
  query: '?raw',
  import: 'default',
  eager: true,
});
const files = Object.entries(sources).map(([path, text]) => ({ path: path.replace(/^\/renderer\/src\//, ''), text }));

const apiModule = /^features\/([^/]+)\/api\/[^/]+\.ts$/;

function importsOf(text: string): string[] {
  return [...text.matchAll(/from\s+'([^']+)'/g)].map((match) => match[1]!);
}

describe('how the renderer calls main', () => {
  it('reads every renderer source file', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.map((f) => f.path)).toContain('lib/desk-client.ts');
  });

  it('reaches the bridge only inside the desk client', () => {
    const readers = files.filter((f) => /DESK_GLOBAL|window\.desk|globalThis\.desk/.test(f.text)).map((f) => f.path);
    expect(readers).toEqual(['lib/desk-client.ts']);
  });

  it('calls the desk client only from a feature’s api/ module', () => {
    const callers = files.filter((f) => importsOf(f.text).some((from) => from.endsWith('/desk-client')));
    const outsideApi = callers.map((f) => f.path).filter((path) => !apiModule.test(path));
    expect(outsideApi).toEqual([]);
  });

  it('uses a feature’s api/ module only from that feature’s stores and hooks', () => {
    const misuses: string[] = [];
    for (const file of files) {
      if (apiModule.test(file.path)) continue;
      for (const from of importsOf(file.text).filter((f) => f.startsWith('.') && f.includes('/api/'))) {
        const own = /^features\/([^/]+)\/(stores|hooks)\//.exec(file.path);
        if (!own || !from.startsWith('../api/')) misuses.push(`${file.path} imports ${from}`);
      }
    }
    expect(misuses).toEqual([]);
  });
});
