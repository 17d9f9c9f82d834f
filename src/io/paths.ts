// Paths in the node layer: as messages show them, and whether one lies inside a folder.
import { existsSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import path from 'node:path';

/** Relative to the working directory when inside it, else absolute. */
export function displayPath(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? p : rel;
}

/** `p` is `dir` or lies below it (both absolute and resolved; no symlinks are followed here). */
export const isWithin = (dir: string, p: string): boolean => p === dir || p.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);

/** Where a path really is, or why it is not a file to use: outside every root, not there, or a link out. */
export type Inside = { real: string } | { outside: true } | { missing: true } | { linkTo: string };

/**
 * The one confinement check: `abs` must lie inside one of `roots` (real paths), and so must
 * where it leads after symlinks (a link inside may point out). Every path a deck, a stylesheet,
 * a talk folder or a server request names goes through it.
 */
export async function realInside(roots: string[], abs: string): Promise<Inside> {
  if (!roots.some((root) => isWithin(root, abs))) return { outside: true };
  const real = await realpath(abs).catch(() => undefined);
  if (!real) return { missing: true };
  return roots.some((root) => isWithin(root, real)) ? { real } : { linkTo: real };
}

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
