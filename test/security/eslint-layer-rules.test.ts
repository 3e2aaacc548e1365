import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT, overrideConfigFile: resolve(ROOT, 'eslint.config.mjs') });
});

const LAYER_RULES = new Set(['layers/import-zones', 'no-restricted-imports']);

/** The layering messages the real config reports for a snippet placed at `filePath`. */
async function layerErrors(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, filePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId !== null && LAYER_RULES.has(m.ruleId) && m.severity === 2).map((m) => m.message);
}

/** One import of `specifier`, written in each form an import can take. */
const importForms = (specifier: string): string[] => [
  `import { x } from '${specifier}';\nexport const y = x;\n`,
  `import type { X } from '${specifier}';\nexport type Y = X;\n`,
  `export { x } from '${specifier}';\n`,
  `export * from '${specifier}';\n`,
  `import '${specifier}';\n`,
  `export const load = () => import('${specifier}');\n`,
  `export type T = import('${specifier}').X;\n`,
];

describe('renderer features never import each other', () => {
  const deep = 'renderer/src/features/account/components/account-card.tsx';

  it.each(importForms('../../search/stores/search-store'))('refuses a component importing another feature: %s', async (code) => {
    const errors = await layerErrors(code, deep);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/Feature account must not import another feature/);
  });

  it('refuses it from every depth of the feature folder', async () => {
    expect(await layerErrors("import '../search/stores/search-store';\n", 'renderer/src/features/account/index.ts')).toHaveLength(1);
    expect(await layerErrors("import '../../../search/x';\n", 'renderer/src/features/account/components/rows/row.tsx')).toHaveLength(1);
  });

  it('refuses it through the @shared alias too, since the path is resolved before it is judged', async () => {
    const errors = await layerErrors("import '@shared/../renderer/src/features/search/stores/search-store';\n", deep);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/resolves to renderer\/src\/features\/search\/stores\/search-store/);
  });

  it('allows the feature itself, shared renderer code and shared/', async () => {
    const code = [
      "import '../stores/account-store';",
      "import '../../account/api/get-account';",
      "import '../../../components/button';",
      "import '../../../lib/format';",
      "import '@shared/domain/money';",
      "import 'zustand';",
    ].join('\n');
    expect(await layerErrors(code + '\n', deep)).toEqual([]);
  });

  it('allows renderer/src/app to compose features', async () => {
    expect(await layerErrors("import '../features/search/stores/search-store';\n", 'renderer/src/app/app.tsx')).toEqual([]);
  });

  it('refuses shared renderer folders importing a feature', async () => {
    const errors = await layerErrors("import '../features/search/stores/search-store';\n", 'renderer/src/components/table.tsx');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/renderer\/src\/components sits below the features/);
  });

  it('refuses main-process code, Electron and Node in the renderer', async () => {
    expect(await layerErrors("import '../../../electron/main/db/open-database';\n", 'renderer/src/lib/x.ts')).toEqual([
      expect.stringMatching(/must not import main-process code/),
    ]);
    expect(await layerErrors("import 'electron';\n", 'renderer/src/lib/x.ts')).toHaveLength(1);
    expect(await layerErrors("import 'node:fs';\n", 'renderer/src/features/account/components/x.tsx')).toHaveLength(1);
  });
});

describe('inside electron/main, features import neither ipc/ nor app/', () => {
  it.each(importForms('../ipc/dispatch'))('refuses a feature importing ipc/: %s', async (code) => {
    const errors = await layerErrors(code, 'electron/main/auth/auth-service.ts');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/auth\/ must not import ipc\//);
  });

  it.each(importForms('../app/create-backend'))('refuses a feature importing app/: %s', async (code) => {
    const errors = await layerErrors(code, 'electron/main/recovery/start-check.ts');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/recovery\/ must not import app\//);
  });

  it('refuses ipc/ importing app/', async () => {
    const errors = await layerErrors("import '../app/create-backend';\n", 'electron/main/ipc/dispatch.ts');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/ipc\/ must not import app\//);
  });

  it('refuses it from a nested folder and from a test beside the code', async () => {
    expect(await layerErrors("import '../../ipc/dispatch';\n", 'electron/main/feeds/parse/x.ts')).toHaveLength(1);
    expect(await layerErrors("import '../app/create-backend';\n", 'electron/main/auth/auth-service.test.ts')).toHaveLength(1);
  });

  it('allows app/ to import ipc/ and features, the entry file to import app/, and features to use db/ and shared/', async () => {
    expect(await layerErrors("import '../ipc/dispatch';\nimport '../auth/auth-service';\n", 'electron/main/app/create-backend.ts')).toEqual([]);
    expect(await layerErrors("import './app/start-backend';\nimport './ipc/register-ipc';\n", 'electron/main/index.ts')).toEqual([]);
    expect(await layerErrors("import '../auth/auth-service';\n", 'electron/main/ipc/auth-handlers.ts')).toEqual([]);
    const feature = "import '../db/open-database';\nimport '../audit/audit-log';\nimport '@shared/domain/operator';\n";
    expect(await layerErrors(feature, 'electron/main/overrides/override-submit.ts')).toEqual([]);
  });
});

describe('inside electron/main, db/ imports no feature', () => {
  it.each(importForms('../../search/search-repo'))('refuses a migration importing a feature: %s', async (code) => {
    const errors = await layerErrors(code, 'electron/main/db/migrations/007-x.ts');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/db\/ is the floor under the features/);
  });

  it('refuses db/ importing ipc/ or app/', async () => {
    expect(await layerErrors("import '../ipc/dispatch';\n", 'electron/main/db/open-database.ts')).toHaveLength(1);
    expect(await layerErrors("import '../app/app-paths';\n", 'electron/main/db/open-database.ts')).toHaveLength(1);
  });

  it('allows db/ its own files and shared/', async () => {
    const code = "import '../migration';\nimport '../sql-functions';\nimport '@shared/domain/text';\nimport 'better-sqlite3';\n";
    expect(await layerErrors(code, 'electron/main/db/migrations/007-x.ts')).toEqual([]);
  });
});

describe('shared/ imports no higher layer, no Electron, database, UI or Node', () => {
  it.each([
    ['../../electron/main/db/open-database', /must not import electron\//],
    ['../../renderer/src/lib/format', /must not import renderer\//],
    ['../../hub/src/db/migrate', /must not import hub\//],
    ['@shared/../electron/main/db/open-database', /must not import electron\//],
    ['electron', /no Electron, database or UI/],
    ['better-sqlite3', /no Electron, database or UI/],
    ['react', /no Electron, database or UI/],
    ['zustand', /no Electron, database or UI/],
    ['node:fs', /no Node APIs/],
  ])('refuses %s', async (specifier, message) => {
    const errors = await layerErrors(`import '${specifier}';\n`, 'shared/domain/x.ts');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it('allows shared/ its own files, through a relative path or the alias, and zod', async () => {
    const code = "import './money';\nimport '../policy/decision';\nimport '@shared/ipc/result';\nimport 'zod';\n";
    expect(await layerErrors(code, 'shared/domain/x.ts')).toEqual([]);
  });
});

describe('the hub and the preload stay on their side', () => {
  it.each([
    ["import '../../../electron/main/auth/password-hash';\n", 'hub/src/auth/sign-in.ts', /The hub must not import electron\//],
    ["import '../../../renderer/src/lib/format';\n", 'hub/src/http/x.ts', /The hub must not import renderer\//],
    ["import '../main/ipc/dispatch';\n", 'electron/preload/index.ts', /The preload must not import main-process code/],
  ])('refuses %s in %s', async (code, filePath, message) => {
    const errors = await layerErrors(code, filePath);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it('lets both import the shared contract', async () => {
    expect(await layerErrors("import '../../../shared/hub/routes';\n", 'hub/src/http/x.ts')).toEqual([]);
    expect(await layerErrors("import '../../shared/ipc/channel-names';\n", 'electron/preload/index.ts')).toEqual([]);
  });
});
