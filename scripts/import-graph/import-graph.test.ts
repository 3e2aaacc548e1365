import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeImportGraph } from './analyze';
import { importLoops } from './graph-loops';
import { upwardReason } from './main-layers';
import { importSpecifiers } from './read-imports';

const ROOT = resolve(__dirname, '../..');

describe('electron/main layering', () => {
  const findings = analyzeImportGraph(ROOT, resolve(ROOT, 'electron/main'));

  it('reads the real tree (so the checks below are not vacuous)', () => {
    expect(findings.files).toContain('index.ts');
    expect(findings.edges).toContainEqual(expect.objectContaining({ from: 'index.ts', to: 'app/start-backend.ts' }));
  });

  it('has no import loop between files', () => {
    expect(findings.fileLoops).toEqual([]);
  });

  it('has no import loop between folders', () => {
    expect(findings.folderLoops).toEqual([]);
  });

  it('has no feature importing ipc/ or app/, and no db/ importing a feature', () => {
    expect(findings.upward).toEqual([]);
  });
});

describe('importSpecifiers', () => {
  it('finds imports, type imports, re-exports, import() and require()', () => {
    const code = [
      "import { a } from './a';",
      "import type { B } from './b';",
      "import { type C } from './c';",
      "export { d } from './d';",
      "export type { E } from './e';",
      "const f = await import('./f');",
      "const g = require('./g');",
    ].join('\n');
    expect(importSpecifiers('x.ts', code)).toEqual([
      { text: './a', typeOnly: false },
      { text: './b', typeOnly: true },
      { text: './c', typeOnly: true },
      { text: './d', typeOnly: false },
      { text: './e', typeOnly: true },
      { text: './f', typeOnly: false },
      { text: './g', typeOnly: false },
    ]);
  });
});

describe('importLoops', () => {
  it.each([
    ['a chain', [['a', 'b'], ['b', 'c']], []],
    ['two files importing each other', [['a', 'b'], ['b', 'a']], [['a', 'b']]],
    ['a three-step cycle beside a chain', [['a', 'b'], ['b', 'c'], ['c', 'a'], ['c', 'd']], [['a', 'b', 'c']]],
    ['a file importing itself', [['a', 'a'], ['a', 'b']], [['a']]],
    ['two separate loops', [['a', 'b'], ['b', 'a'], ['c', 'd'], ['d', 'c']], [['a', 'b'], ['c', 'd']]],
  ])('%s', (_name, pairs, loops) => {
    const edges = pairs.map(([from, to]) => ({ from: from!, to: to! }));
    expect(importLoops(['a', 'b', 'c', 'd'], edges)).toEqual(loops);
  });
});

describe('upwardReason', () => {
  it.each([
    ['auth', 'ipc', /only app\/ imports ipc/],
    ['auth', 'app', /only the entry file imports app/],
    ['ipc', 'app', /only the entry file imports app/],
    ['db', 'credits', /db\/ imports no feature/],
    ['db', 'ipc', /only app\/ imports ipc/],
    ['auth', '.', /nothing imports the entry file/],
  ])('%s/ -> %s/ goes up', (from, to, reason) => {
    expect(upwardReason(from, to)).toMatch(reason);
  });

  it.each([
    ['app', 'ipc'],
    ['.', 'app'],
    ['.', 'ipc'],
    ['ipc', 'auth'],
    ['auth', 'db'],
    ['db', 'db'],
    ['overrides', 'audit'],
  ])('%s/ -> %s/ may', (from, to) => {
    expect(upwardReason(from, to)).toBeUndefined();
  });
});

describe('analyzeImportGraph over a tree', () => {
  const dir = mkdtempSync(join(tmpdir(), 'import-graph-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const files: Record<string, string> = {
    'index.ts': "import './app/compose';\n",
    'app/compose.ts': "import '../ipc/dispatch';\nimport '../auth/session';\n",
    'ipc/dispatch.ts': "import '../auth/session';\n",
    'auth/session.ts': "import type { Dispatch } from '../ipc/dispatch';\nimport '../db/open';\nimport '@shared/domain/money';\n",
    'db/open.ts': "import '../auth/session';\n",
    'search/a.ts': "import { b } from './b';\n",
    'search/b.ts': "import { a } from './a';\n",
    'search/a.test.ts': "import '../app/compose';\n",
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const findings = analyzeImportGraph(ROOT, dir);

  it('reads shipped files only, and drops imports that leave the tree', () => {
    expect(findings.files).not.toContain('search/a.test.ts');
    expect(findings.edges.some((edge) => edge.to.includes('money'))).toBe(false);
  });

  it('reports loops between files and between folders', () => {
    expect(findings.fileLoops).toEqual([['auth/session.ts', 'db/open.ts', 'ipc/dispatch.ts'], ['search/a.ts', 'search/b.ts']]);
    expect(findings.folderLoops).toEqual([['auth', 'db', 'ipc']]);
  });

  it('reports each import that goes up a floor', () => {
    expect(findings.upward.map((edge) => `${edge.from} -> ${edge.to}`)).toEqual([
      'auth/session.ts -> ipc/dispatch.ts',
      'db/open.ts -> auth/session.ts',
    ]);
  });
});
