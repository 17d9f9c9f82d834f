// Paths in the node layer: as messages show them, and whether one lies inside a folder.
import { existsSync } from 'node:fs';
import path from 'node:path';

/** Relative to the working directory when inside it, else absolute. */
export function displayPath(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? p : rel;
}

/** `p` is `dir` or lies below it (both absolute and resolved; no symlinks are followed here). */
export const isWithin = (dir: string, p: string): boolean => p === dir || p.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);

/**
 * Where Kamishibai itself lives (src/, the default templates/, node_modules/): the nearest
 * folder above this module holding the engine's templates. Found, not counted in `..`s: this
 * module runs from src/io/ under tsc and vitest, and bundled by bin/ with src/ as its folder.
 */
export const ENGINE_ROOT = engineRoot(import.meta.dirname);

function engineRoot(from: string): string {
  for (let dir = from; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'templates', 'deck.hbs')) && existsSync(path.join(dir, 'package.json'))) return dir;
  }
  throw new Error(`Kamishibai's templates/ were not found above ${from}`);
}
