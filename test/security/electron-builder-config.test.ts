import { resolve } from 'node:path';
import type { Configuration } from 'electron-builder';
import { beforeAll, describe, expect, it } from 'vitest';
import { SCREEN_POP_SCHEME } from '@shared/screen-pop/screen-pop-link';

const ROOT = resolve(__dirname, '../..');

// electron-builder's own loader and schema check, so the test reads the file exactly as packaging would.
interface ConfigModule {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: null): Promise<Configuration>;
  validateConfiguration(config: Configuration, debugLogger: unknown): Promise<void>;
}

let config: Configuration;

beforeAll(async () => {
  const loader = (await import('app-builder-lib/out/util/config/config')) as unknown as ConfigModule;
  const { DebugLogger } = (await import('builder-util')) as unknown as { DebugLogger: new (enabled: boolean) => unknown };
  config = await loader.getConfig(ROOT, resolve(ROOT, 'electron-builder.yml'), null);
  await loader.validateConfiguration(config, new DebugLogger(false));
});

describe('packaging configuration', () => {
  it.each([
    ['runAsNode', false],
    ['enableNodeOptionsEnvironmentVariable', false],
    ['enableNodeCliInspectArguments', false],
    ['enableEmbeddedAsarIntegrityValidation', true],
    ['onlyLoadAppFromAsar', true],
    ['enableCookieEncryption', true],
    ['grantFileProtocolExtraPrivileges', false],
  ] as const)('sets the Electron fuse %s to %s', (fuse, value) => {
    expect(config.electronFuses?.[fuse]).toBe(value);
  });

  it('packs the app into an asar, which the integrity and load-from-asar fuses need', () => {
    expect(config.asar).toBe(true);
  });

  it('ships only the build output, not sources, tests or the data cache', () => {
    // The loader normalises the list into [{ filter: [...] }].
    const patterns = JSON.stringify(config.files);
    expect(patterns).toContain('"out/**"');
    expect(patterns).not.toMatch(/"(electron|test|scripts|shared|renderer)\/|\.cache|sqlite/);
  });

  it('registers the one screen-pop scheme the app parses, and no other', () => {
    const protocols = [config.protocols ?? []].flat();
    expect(protocols.flatMap((p) => p.schemes)).toEqual([SCREEN_POP_SCHEME]);
  });
});
