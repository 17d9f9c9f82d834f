// Marp custom themes through the real build and its real CSS bundle (issue 23): found by the
// name their file declares, `@import 'name'` of another theme of the deck's and of Marp's own
// gaia (from marp-core's package, offline), with what they load from the network left out.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findMarpThemes } from '../src/marp-themes.js';
import { runCli } from './helpers/cli.js';
import { FIXTURES } from './helpers/fixtures.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'kamishibai-marp-themes-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const fixture = path.join(FIXTURES, 'marp', 'custom-theme');

describe('Marp custom themes', () => {
  it('are found by the name their CSS declares, in the folder and its subfolders', async () => {
    const found = await findMarpThemes([fixture]);
    expect(Object.fromEntries([...found].map(([name, file]) => [name, path.relative(fixture, file)]))).toEqual({ fancy: 'themes/fancy.css', 'base-look': 'themes/base-look.css' });
  });

  it('issue 23 (polsl-pl, academic-ja): a theme that imports another by name, and Marp gaia, is bundled offline', () => {
    const out = path.join(tmp, 'out');
    const r = runCli(['build', path.join(fixture, 'slides.md'), '--no-pdf', '--out', out]);
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    const css = readFileSync(path.join(out, 'custom-theme', 'assets', 'kamishibai.css'), 'utf8');
    expect(css).toMatch(/#123456/); // base-look, imported by name
    expect(css).toMatch(/#654321/); // fancy itself
    expect(css).toMatch(/#fff8e1/); // Marp's gaia, imported by base-look
    expect(css).not.toMatch(/googleapis|gone\.woff2/);
  });
});
