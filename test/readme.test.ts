// README.md and docs/ stay true: the CLI reference is --help, its front-matter table lists every key,
// and the two commands for a fresh machine are at the top.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';
import { FIELDS } from '../src/core/config.js';
import { ROOT, runCliHere } from './helpers/cli.js';

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const reference = readFileSync(path.join(ROOT, 'docs', 'reference.md'), 'utf8');
const development = readFileSync(path.join(ROOT, 'docs', 'development.md'), 'utf8');

describe('README.md', () => {
  it('gives the CLI reference exactly as --help prints it', async () => {
    const block = /## Command line[\s\S]*?```text\n([\s\S]*?)```/.exec(reference)?.[1];
    expect(block).toBe((await runCliHere(['--help'])).stdout);
  });

  it('documents every front-matter key', () => {
    const table = /### Front matter[\s\S]*?(\| key \|[\s\S]*?)\n\n/.exec(readme)![1]!;
    const documented = [...table.matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1]).sort();
    expect(documented).toEqual(Object.keys(FIELDS).sort());
  });

  it('names every source file in its file map', () => {
    const map = /```text\n([\s\S]*?)```/.exec(development)![1]!;
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
    const files = walk(path.join(ROOT, 'src')).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
    const missing = files.map((f) => path.basename(f, '.ts')).filter((name) => !map.includes(name === 'index' ? 'index.ts' : name));
    expect(missing).toEqual([]);
  });

  it('is short enough to read before a first talk, and links the reference it left out', () => {
    expect(readme.split('\n').length).toBeLessThan(700);
    expect(readme).toContain('](docs/reference.md)');
    expect(readme).toContain('](docs/development.md)');
  });

  it('starts with the build and test commands', () => {
    const first = /```sh\n([\s\S]*?)```/.exec(readme)![1]!;
    expect(first).toMatch(/^npm run setup && npm run build\s/m);
    expect(first).toMatch(/^npm test\s/m);
    expect(readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8')).toMatch(/^npm test$/m);
  });
});

describe('public API', () => {
  it('exports exactly these names', () => {
    expect(Object.keys(api).sort()).toEqual(
      ['DEFAULTS', 'FIELDS', 'KamishibaiError', 'build', 'defineConfig', 'findTalks', 'formatDiagnostic', 'hasErrors', 'newTalk', 'resolveInputs', 'serve'].sort(),
    );
  });
});
