// Paths as messages show them: relative to the working directory when inside it, else absolute.
import path from 'node:path';

export function displayPath(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? p : rel;
}
