// Every deck example README shows builds as written: each ```markdown block (and the front
// matter example) is a deck, built at once, with no error and no warning. The pictures an
// example names get a stand-in; png/jpg ones get an SVG body, which the build does not read.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'kamishibai-readme-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Fenced blocks of a language, with 3 or 4 backticks (4 when the example holds a fence). */
function blocks(markdown: string, lang: string): string[] {
  return [...markdown.matchAll(new RegExp(`^(\`{3,4})${lang}\\n([\\s\\S]*?)^\\1$`, 'gm'))].map((m) => m[2]!);
}

describe("README's examples", () => {
  it('build as written, each a deck, with no error or warning', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const decks = blocks(readme, 'markdown');
    const [frontMatter] = blocks(readme, 'yaml');
    expect(decks.length).toBeGreaterThanOrEqual(6);
    expect(frontMatter).toMatch(/^---\n[\s\S]*\n---\n$/);
    const dirs = [...decks, `${frontMatter}\n# The front matter example\n`].map((text, i) => {
      const dir = path.join(tmp, `example-${i + 1}`);
      mkdirSync(dir);
      writeFileSync(path.join(dir, 'slides.md'), text);
      // The pictures an example names are the reader's own: a stand-in for each.
      for (const [, file] of text.matchAll(/(?:!\[[^\]]*\]\(|src=")([\w./-]+\.(?:svg|png|jpg))/g)) {
        mkdirSync(path.dirname(path.join(dir, file!)), { recursive: true });
        writeFileSync(path.join(dir, file!), '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"/>');
      }
      return dir;
    });
    const r = runCli(['build', ...dirs, '--out', path.join(tmp, 'out'), '--no-pdf', '--strict']);
    expect(r.stderr).not.toMatch(/warning|error/);
    expect(r.code).toBe(0);
  });
});
