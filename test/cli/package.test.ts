// The package as npm packs it (`npm pack`, then `npm install kamishibai-x.tgz` elsewhere):
// only the engine goes in, and the command it installs builds a loose deck beside itself. An
// installed package has no package-lock.json (npm leaves it out of every tarball).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'kamishibai-package-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The files `npm pack` would put in the tarball (no network, nothing written). */
function packed(): string[] {
  const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
}

describe('issue 21: the packed package', () => {
  it('holds the engine (bin, CLI, src, templates) and none of the tests, sample talks or lock file', () => {
    const files = packed();
    expect(files).toEqual(expect.arrayContaining(['bin/kamishibai.mjs', 'build.ts', 'src/index.ts', 'templates/deck.hbs', 'package.json']));
    expect(files.filter((f) => /^(test|slides|bench|scripts)\//.test(f) || f === 'package-lock.json')).toEqual([]);
  });

  it('installed elsewhere, its command builds a loose talk.md into dist/ beside it', () => {
    const installed = path.join(tmp, 'node_modules', 'kamishibai');
    for (const f of packed()) {
      mkdirSync(path.dirname(path.join(installed, f)), { recursive: true });
      cpSync(path.join(ROOT, f), path.join(installed, f));
    }
    // Its dependencies, as npm would install them beside it.
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(installed, 'node_modules'));
    const deck = path.join(tmp, 'talks');
    mkdirSync(deck);
    writeFileSync(path.join(deck, 'talk.md'), '# A loose deck\n\n---\n\n## Second\n');
    const r = spawnSync(process.execPath, [path.join(installed, 'bin', 'kamishibai.mjs'), 'build', 'talk.md', '--no-pdf'], { cwd: deck, encoding: 'utf8', timeout: 240_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(path.join(deck, 'dist', 'talk', 'index.html'))).toBe(true);
  }, 240_000);
});
