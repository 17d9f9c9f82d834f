// One fixture folder per case (test/fixtures/<suite>/<case>/): input.md beside the expected
// output. `UPDATE=1 npx vitest run` rewrites the expected files; review them as a diff.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';

export const FIXTURES = path.resolve(import.meta.dirname, '..', 'fixtures');

export function cases(suite: string): string[] {
  return readdirSync(path.join(FIXTURES, suite), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

export function readInput(suite: string, name: string, file = 'input.md'): string {
  return readFileSync(path.join(FIXTURES, suite, name, file), 'utf8');
}

export function expectFile(suite: string, name: string, file: string, actual: string): void {
  const target = path.join(FIXTURES, suite, name, file);
  if (process.env.UPDATE || !existsSync(target)) {
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, actual);
    if (!process.env.UPDATE) throw new Error(`wrote missing expected file ${target}; review it and run again`);
    return;
  }
  expect(actual).toBe(readFileSync(target, 'utf8'));
}
