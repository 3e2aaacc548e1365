import { importLoops } from './graph-loops';
import { folderEdges, folderOf, upwardImports, type UpwardImport } from './main-layers';
import { readImportGraph, type ImportEdge } from './read-imports';

export interface GraphFindings {
  files: string[];
  edges: ImportEdge[];
  fileLoops: string[][];
  folderLoops: string[][];
  upward: UpwardImport[];
}

/** Loops between files, loops between top folders, and imports that go up a floor, in the tree under `dir`. */
export function analyzeImportGraph(repoRoot: string, dir: string): GraphFindings {
  const { files, edges } = readImportGraph(repoRoot, dir);
  const folders = [...new Set(files.map(folderOf))];
  return {
    files,
    edges,
    fileLoops: importLoops(files, edges),
    folderLoops: importLoops(folders, folderEdges(edges)),
    upward: upwardImports(edges),
  };
}

export function hasFindings(findings: GraphFindings): boolean {
  return findings.fileLoops.length + findings.folderLoops.length + findings.upward.length > 0;
}

export function formatFindings(label: string, findings: GraphFindings): string {
  const { files, edges, fileLoops, folderLoops, upward } = findings;
  const lines = [
    `import graph of ${label}: ${files.length} files, ${edges.length} imports, ${new Set(files.map(folderOf)).size} folders`,
    `file loops: ${fileLoops.length}`,
    ...fileLoops.map((loop) => `  ${loop.join(' <-> ')}`),
    `folder loops: ${folderLoops.length}`,
    ...folderLoops.map((loop) => `  ${loop.join(' <-> ')}`),
    `upward imports: ${upward.length}`,
    ...upward.map((edge) => `  ${edge.from} -> ${edge.to}${edge.typeOnly ? ' (type only)' : ''}: ${edge.reason}`),
  ];
  return lines.join('\n');
}
