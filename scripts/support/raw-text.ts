/**
 * Lets scripts run under tsx load what main imports with Vite's `?raw` suffix (the common
 * passwords list): electron-vite and vitest inline such files, tsx would compile them as
 * JavaScript. Import this first, before anything that reaches main's modules.
 */
import { readFileSync } from 'node:fs';
import Module from 'node:module';

type Loader = (module: { exports: unknown }, filename: string) => void;
const extensions = (Module as unknown as { _extensions: Record<string, Loader> })._extensions;
// tsx keeps the query on the file name (`...txt?raw=`), which is the extension Node looks up.
extensions['.txt?raw='] = (module, filename) => {
  module.exports = readFileSync(filename.replace(/\?raw=?$/, ''), 'utf8');
};
