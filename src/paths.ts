// Paths in the node layer: as messages show them, and whether one lies inside a folder.
import path from 'node:path';

/** Relative to the working directory when inside it, else absolute. */
export function displayPath(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? p : rel;
}

/** `p` is `dir` or lies below it (both absolute and resolved; no symlinks are followed here). */
export const isWithin = (dir: string, p: string): boolean => p === dir || p.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
