// Diagnostics at scale: a flood of 20,000 problems stays a screenful.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliHere } from '../helpers/cli.js';

describe('the CLI on a diagnostic flood', () => {
  it('trust-b 18: a page naming 20,000 missing pictures and a line of 2,000 characters no font has stay a screenful', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kamishibai-flood-'));
    mkdirSync(path.join(dir, 'talk'));
    writeFileSync(path.join(dir, 'talk', 'page.html'), `<html><body>${Array.from({ length: 20000 }, (_, i) => `<img src="m${i}.png">`).join('')}</body></html>`);
    const extB = String.fromCodePoint(...Array.from({ length: 2000 }, (_, i) => 0x20000 + i));
    writeFileSync(path.join(dir, 'talk', 'slides.md'), `# Crawl\n\n<iframe src="page.html"></iframe>\n`);
    mkdirSync(path.join(dir, 'ext-b'));
    writeFileSync(path.join(dir, 'ext-b', 'slides.md'), `# Ext B\n\n---\n\n${extB}\n`);
    const r = await runCliHere(['build', path.join(dir, 'talk'), path.join(dir, 'ext-b'), '--no-pdf', '--out', path.join(dir, 'out')]);
    rmSync(dir, { recursive: true, force: true });
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines.length).toBeLessThan(12);
    expect(r.stderr).toMatch(/slides\.md:3:1: error: "page\.html" links a file, "m4\.png" not found/);
    expect(r.stderr).toMatch(/slides\.md: error: \.\.\. and 19,995 more like this \(20,000 in all\)/);
    expect(r.stderr).toMatch(/ext-b\/slides\.md:5:1: warning: "𠀀" U\+20000, .* and [\d,]+ more characters: in none of the deck's fonts/);
    expect(r.stderr).toMatch(/build failed: 20,?000 error\(s\), 1 warning/);
    expect(r.stderr).not.toMatch(/U\+207D0/);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(600);
  }, 120_000);
});
