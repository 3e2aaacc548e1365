import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronNativeBindingPath as appBindingPath } from '../electron/main/app/native-binding';
import { checkIsElectronBuild, cleanBuildEnv, electronNativeBindingPath } from './electron-native.mjs';

const require = createRequire(import.meta.url);

describe('Electron native module build', () => {
  it('writes the binary exactly where the app looks for it', () => {
    expect(electronNativeBindingPath('/project', '45.5.0')).toBe(appBindingPath('/project', '45.5.0'));
    expect(appBindingPath('/project', '45.5.0')).toBe('/project/.cache/electron-native/45.5.0/better_sqlite3.node');
  });

  it("drops npm's nodedir so node-gyp cannot quietly build against Node's headers", () => {
    const env = cleanBuildEnv({ PATH: '/usr/bin', npm_config_nodedir: '/usr', NPM_CONFIG_NODEDIR: '/usr', npm_config_target: '20.0.0', npm_config_cache: '/c' });
    expect(env).toEqual({ PATH: '/usr/bin', npm_config_cache: '/c' });
  });

  it('refuses the Node build of better-sqlite3 as an Electron build', () => {
    const nodeBuild = join(dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
    expect(checkIsElectronBuild(nodeBuild, '150')).toMatch(/is a Node build/);
  });
});
