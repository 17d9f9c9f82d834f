// A folder's every file as base64, to compare a whole output before and after, byte for byte.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';

export function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isSymbolicLink()) files[path.relative(dir, p)] = `-> ${readlinkSync(p)}`;
      else files[path.relative(dir, p)] = readFileSync(p).toString('base64');
    }
  };
  walk(dir);
  return files;
}

/** Names beside `dir` that start with its name and a dot: staging and old copies left behind. */
export function leftovers(dir: string): string[] {
  return readdirSync(path.dirname(dir)).filter((f) => f.startsWith(`${path.basename(dir)}.`));
}
