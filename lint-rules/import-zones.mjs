// An ESLint rule that keeps layers apart by where an import lands, not by how its path is spelt:
// every module specifier is resolved (relative paths against the importing file, aliases through the
// `paths` of tsconfig.base.json) to a path inside the repository, and checked against zones
// `{ importer, imported, except, message }`: a file under `importer` may not import anything under
// `imported` unless it is under one of `except`. All paths are relative to the repository root.
// Package names (`electron`, `react`, ...) are left to `no-restricted-imports`.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** `paths` of tsconfig.base.json as [prefix, replacement] pairs, e.g. ['@shared/', '<root>/shared/']. */
function readAliases() {
  const config = JSON.parse(readFileSync(resolve(ROOT, 'tsconfig.base.json'), 'utf8'));
  return Object.entries(config.compilerOptions?.paths ?? {}).map(([pattern, [target]]) => [
    pattern.replace(/\*$/, ''),
    resolve(ROOT, target.replace(/\*$/, '')) + (pattern.endsWith('/*') ? '/' : ''),
  ]);
}

const aliases = readAliases();

/** The repository path a specifier reaches from `importerFile`, or undefined for a package. */
export function resolveSpecifier(specifier, importerFile) {
  let absolute;
  if (specifier.startsWith('.')) {
    absolute = resolve(dirname(importerFile), specifier);
  } else {
    const alias = aliases.find(([prefix]) => specifier === prefix.replace(/\/$/, '') || specifier.startsWith(prefix));
    if (alias === undefined) return undefined;
    absolute = resolve(alias[1] + specifier.slice(alias[0].length));
  }
  const fromRoot = relative(ROOT, absolute);
  if (fromRoot.startsWith('..') || isAbsolute(fromRoot)) return undefined;
  return fromRoot.split(sep).join('/');
}

function isUnder(path, folder) {
  return path === folder || path.startsWith(folder.endsWith('/') ? folder : `${folder}/`);
}

const zoneSchema = {
  type: 'object',
  properties: {
    importer: { type: 'string' },
    imported: { type: 'string' },
    except: { type: 'array', items: { type: 'string' } },
    message: { type: 'string' },
  },
  required: ['importer', 'imported', 'message'],
  additionalProperties: false,
};

export const importZones = {
  meta: {
    type: 'problem',
    docs: { description: 'Refuse imports that cross a layer boundary, after resolving relative paths and aliases.' },
    schema: [{ type: 'object', properties: { zones: { type: 'array', items: zoneSchema } }, required: ['zones'], additionalProperties: false }],
    messages: { crossed: '{{message}} ({{specifier}} resolves to {{target}})' },
  },
  create(context) {
    const filename = context.filename;
    const importer = relative(ROOT, filename).split(sep).join('/');
    const zones = context.options[0].zones.filter((zone) => isUnder(importer, zone.importer));
    if (zones.length === 0) return {};

    const check = (node, specifier) => {
      if (typeof specifier !== 'string') return;
      const target = resolveSpecifier(specifier, filename);
      if (target === undefined) return;
      const zone = zones.find((z) => isUnder(target, z.imported) && !(z.except ?? []).some((allowed) => isUnder(target, allowed)));
      if (zone) context.report({ node, messageId: 'crossed', data: { message: zone.message, specifier, target } });
    };
    const checkSource = (node) => {
      if (node.source) check(node.source, node.source.value);
    };
    return {
      ImportDeclaration: checkSource,
      ExportNamedDeclaration: checkSource,
      ExportAllDeclaration: checkSource,
      ImportExpression(node) {
        if (node.source.type === 'Literal') check(node.source, node.source.value);
      },
      CallExpression(node) {
        const [first] = node.arguments;
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && first?.type === 'Literal') check(first, first.value);
      },
      TSImportType(node) {
        // typescript-eslint 8.x names the string `source`; older versions wrap it in `argument`.
        const literal = 'source' in node ? node.source : node.argument?.literal;
        if (literal?.type === 'Literal') check(literal, literal.value);
      },
      TSExternalModuleReference(node) {
        if (node.expression.type === 'Literal') check(node.expression, node.expression.value);
      },
    };
  },
};

export const layersPlugin = { meta: { name: 'layers' }, rules: { 'import-zones': importZones } };
