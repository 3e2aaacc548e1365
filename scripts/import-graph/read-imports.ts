import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';

/** One import of a file of the graph by another, both as paths relative to the graph's folder. */
export interface ImportEdge {
  from: string;
  to: string;
  /** `import type` / `export type ... from`: no runtime coupling, but still a layering one. */
  typeOnly: boolean;
}

interface Specifier {
  text: string;
  typeOnly: boolean;
}

/** Every module a source file names: static imports and re-exports, `import()`, `require()`. */
export function importSpecifiers(fileName: string, text: string): Specifier[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: Specifier[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly = clause !== undefined && (clause.isTypeOnly || allNamedImportsAreTypes(clause));
      found.push({ text: node.moduleSpecifier.text, typeOnly });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ text: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteralLike(node.arguments[0]!)) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) {
        found.push({ text: (node.arguments[0] as ts.StringLiteralLike).text, typeOnly: false });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function allNamedImportsAreTypes(clause: ts.ImportClause): boolean {
  const bindings = clause.namedBindings;
  return clause.name === undefined && bindings !== undefined && ts.isNamedImports(bindings) &&
    bindings.elements.length > 0 && bindings.elements.every((element) => element.isTypeOnly);
}

/** The compiler options (module resolution and the `@shared/*` path alias) the repository builds with. */
export function repoCompilerOptions(repoRoot: string): ts.CompilerOptions {
  const configPath = join(repoRoot, 'tsconfig.base.json');
  const { config, error } = ts.readConfigFile(configPath, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  return ts.parseJsonConfigFileContent(config, ts.sys, repoRoot, undefined, configPath).options;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.tsx?$/.test(name) && !/\.d\.ts$/.test(name) && !/\.test\.tsx?$/.test(name))
    .map((name) => join(dir, name))
    .sort();
}

/** Paths use `/` whatever the platform, so reports and tests read the same everywhere. */
function posix(path: string): string {
  return path.split(sep).join('/');
}

/**
 * The imports between the shipped (non-test) files under `dir`, resolved the way `tsc` resolves them,
 * so `../x`, `./x/index` and `@shared/...` all name the file they reach. Imports that leave `dir` are dropped.
 */
export function readImportGraph(repoRoot: string, dir: string): { files: string[]; edges: ImportEdge[] } {
  const options = repoCompilerOptions(repoRoot);
  const absoluteFiles = sourceFiles(dir);
  const inGraph = new Set(absoluteFiles);
  const edges: ImportEdge[] = [];
  for (const file of absoluteFiles) {
    for (const specifier of importSpecifiers(file, readFileSync(file, 'utf8'))) {
      const resolved = ts.resolveModuleName(specifier.text, file, options, ts.sys).resolvedModule?.resolvedFileName;
      if (resolved === undefined || !inGraph.has(resolved)) continue;
      edges.push({ from: posix(relative(dir, file)), to: posix(relative(dir, resolved)), typeOnly: specifier.typeOnly });
    }
  }
  return { files: absoluteFiles.map((file) => posix(relative(dir, file))), edges };
}
