/**
 * Import loops (between files and between top folders) and upward imports inside electron/main,
 * read with the TypeScript compiler so relative paths and the @shared alias resolve as tsc resolves them:
 *   npm run graph                 # electron/main of this checkout
 *   npm run graph -- --dir DIR    # another copy of electron/main, e.g. an older commit's
 * Exits with 1 when it finds a loop or an upward import.
 */
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { analyzeImportGraph, formatFindings, hasFindings } from './import-graph/analyze';

const repoRoot = resolve(__dirname, '..');
const { values } = parseArgs({ options: { dir: { type: 'string', default: resolve(repoRoot, 'electron/main') } } });
const dir = resolve(values.dir);
const findings = analyzeImportGraph(repoRoot, dir);
console.log(formatFindings(relative(process.cwd(), dir) || '.', findings));
process.exitCode = hasFindings(findings) ? 1 : 0;
