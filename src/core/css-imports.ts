// The @import graph of a deck's own stylesheets (css:, a theme file, style:, a slide's own
// <style>), walked before esbuild bundles them or Chromium loads them. Both follow every import
// path: twelve small files that import each other took esbuild minutes, beyond the reach of
// Ctrl-C, and kept Chromium loading until the step's limit. Here each file is read once; an
// import cycle, or a graph with more import paths than a deck could mean, is an error at its line.
import { error, lineAt, type Diagnostic } from './errors.js';
import type { BuildEnv } from './model.js';

/** More ways to reach the stylesheets than this is a tangle, not a design (each path is bundled). */
export const MAX_IMPORT_PATHS = 1000;

const IMPORT = /@import\s+(?:url\(\s*)?(['"]?)([^'")\s;]+)\1/gi;
const REMOTE_OR_DATA = /^([a-z][a-z0-9+.-]*:|\/\/)/i;

export interface CssRoot {
  /** The stylesheet's text, or undefined to read `name`. */
  text?: string;
  /** As the deck names it, relative to the deck's folder ('' for style:). */
  name: string;
  line: number;
  /** How messages name it: the file's name, or 'style' for style:. */
  shown?: string;
}

/**
 * The <style> blocks of slides that @import something, as roots: Chromium follows their
 * imports as esbuild does (every path), so a tangle there stalls the export. One pass a slide.
 */
export function slideStyleRoots(slides: { body: string; line: number }[]): CssRoot[] {
  const roots: CssRoot[] = [];
  for (const s of slides) {
    if (!/@import/i.test(s.body)) continue;
    const lower = s.body.toLowerCase();
    for (let at = lower.indexOf('<style'); at >= 0; at = lower.indexOf('<style', at + 1)) {
      const open = lower.indexOf('>', at);
      const close = open < 0 ? -1 : lower.indexOf('</style', open);
      if (close < 0) break;
      const text = s.body.slice(open + 1, close);
      if (/@import/i.test(text)) roots.push({ text, name: '', line: s.line + lineAt(s.body, at) - 1, shown: "this slide's <style>" });
      at = close;
    }
  }
  return roots;
}

/** Local files `text` (at `name`) @imports, relative to the deck's folder. */
function importsOf(text: string, name: string): string[] {
  const dir = name.includes('/') ? name.slice(0, name.lastIndexOf('/') + 1) : '';
  return [...text.matchAll(IMPORT)].map((m) => m[2]!).filter((u) => !REMOTE_OR_DATA.test(u)).map((u) => (u.startsWith('/') ? u : `${dir}${u}`));
}

export async function checkCssImports(roots: CssRoot[], deckDir: string, file: string, env: BuildEnv): Promise<Diagnostic[]> {
  const edges = new Map<string, string[]>(); // each file's imports, read once, keyed by its real path
  const realOf = new Map<string, string | undefined>();
  const real = async (name: string) => {
    if (!realOf.has(name)) {
      const reached = await env.reach(deckDir, name, 'CSS file');
      realOf.set(name, 'file' in reached ? reached.file : undefined);
    }
    return realOf.get(name);
  };
  // Read every reachable stylesheet once (breadth first, a queue of real paths).
  const queue: { key: string; text?: string; name: string }[] = [];
  const queued = new Set<string>();
  const starts: (string | undefined)[] = [];
  for (const [i, root] of roots.entries()) {
    // A file root is keyed by its real path (a file imported elsewhere is still read once); style: by its place.
    const key = root.text === undefined ? await real(root.name) : `style:${i}`;
    starts.push(key);
    if (key && !queued.has(key)) {
      queued.add(key);
      queue.push({ key, text: root.text, name: root.name });
    }
  }
  for (let i = 0; i < queue.length; i++) {
    const { key, text, name } = queue[i]!;
    const source = text ?? new TextDecoder().decode(await env.readFile(key));
    const next: string[] = [];
    for (const imported of importsOf(source, name)) {
      const target = await real(imported);
      if (!target) continue; // esbuild reports a missing or outside file at its line
      next.push(target);
      if (!queued.has(target)) {
        queued.add(target);
        queue.push({ key: target, name: imported });
      }
    }
    edges.set(key, next);
  }
  const problems: Diagnostic[] = [];
  roots.forEach((root, i) => {
    const problem = starts[i] && tangle(starts[i], edges, root.shown ?? (root.text === undefined ? root.name : 'style'));
    if (problem) problems.push(error(file, root.line, problem));
  });
  return problems;
}

/** A cycle or a path explosion from `start`, in words; each node visited once (paths counted by memo). */
function tangle(start: string, edges: Map<string, string[]>, shown: string): string | undefined {
  const paths = new Map<string, number>();
  const open = new Set<string>();
  const visit = (node: string): string | number => {
    const known = paths.get(node);
    if (known !== undefined) return known;
    if (open.has(node)) return `an @import cycle (a stylesheet imports itself, through ${node.split('/').pop()})`;
    open.add(node);
    let count = 1;
    for (const child of edges.get(node) ?? []) {
      const below = visit(child);
      if (typeof below === 'string') return below;
      count = Math.min(count + below, MAX_IMPORT_PATHS + 1);
    }
    open.delete(node);
    paths.set(node, count);
    return count;
  };
  const result = visit(start);
  if (typeof result === 'string') return `${shown} has ${result}; import each stylesheet once, from one place`;
  if (result > MAX_IMPORT_PATHS) return `${shown} imports its stylesheets by more than ${MAX_IMPORT_PATHS} paths (files that import each other); import each stylesheet once, from one place`;
  return undefined;
}
