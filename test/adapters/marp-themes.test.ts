// Marp custom themes through the real build and its real CSS bundle (issue 23): found by the
// name their file declares, `@import 'name'` of another theme of the deck's and of Marp's own
// gaia (shipped in templates/themes/marp/, offline), with what they load from the network left out.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Marp } from '@marp-team/marp-core';
import { findMarpThemes, MARP_OWN_THEMES } from '../../src/adapters/marp-themes.js';
import { MARP_BUILT_IN } from '../../src/core/dialects/marp-theme.js';
import { runCliHere } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/fixtures.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'kamishibai-marp-themes-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const fixture = path.join(FIXTURES, 'marp', 'custom-theme');

describe('Marp custom themes', () => {
  // A speaker's install has no marp-core (a test dependency): the engine ships its themes.
  it.each(MARP_BUILT_IN)("Marp's own %s theme is shipped as marp-core has it (UPDATE=1 copies it again)", (name) => {
    const theirs = new Marp().themeSet.get(name)!.css;
    const file = path.join(MARP_OWN_THEMES, `${name}.css`);
    if (process.env.UPDATE) {
      mkdirSync(MARP_OWN_THEMES, { recursive: true });
      writeFileSync(file, theirs);
    }
    expect(readFileSync(file, 'utf8')).toBe(theirs);
  });

  it('are found by the name their CSS declares, in the folder and its subfolders', async () => {
    const found = await findMarpThemes([fixture]);
    expect(Object.fromEntries([...found].map(([name, file]) => [name, path.relative(fixture, file)]))).toEqual({ fancy: 'themes/fancy.css', 'base-look': 'themes/base-look.css' });
  });

  it('issue 23 (polsl-pl, academic-ja): a theme that imports another by name, and Marp gaia, is bundled offline', async () => {
    const out = path.join(tmp, 'out');
    const r = await runCliHere(['build', path.join(fixture, 'slides.md'), '--no-pdf', '--out', out]);
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    const css = readFileSync(path.join(out, 'custom-theme', 'assets', 'kamishibai.css'), 'utf8');
    expect(css).toMatch(/#123456/); // base-look, imported by name
    expect(css).toMatch(/#654321/); // fancy itself
    expect(css).toMatch(/#fff8e1/); // Marp's gaia, imported by base-look
    expect(css).not.toMatch(/googleapis|gone\.woff2/);
  });

  const build = async (name: string) => {
    const out = path.join(tmp, name);
    const r = await runCliHere(['build', path.join(FIXTURES, 'marp-theme', name, 'slides.md'), '--no-pdf', '--out', out]);
    return { ...r, css: r.code === 0 ? readFileSync(path.join(out, name, 'assets', 'kamishibai.css'), 'utf8') : '', out: path.join(out, name) };
  };

  it("npmsec-en: Marpit's @import-theme names a theme as @import does, wherever it stands, and that theme comes first", async () => {
    const r = await build('import-theme');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/warning/);
    expect(r.css).not.toMatch(/import-theme/);
    expect(r.css.indexOf('#fff8e1')).toBeGreaterThan(-1); // Marp's gaia
    expect(r.css.indexOf('#fff8e1')).toBeLessThan(r.css.indexOf('#0a0b0c'));
  });

  it("held back (semi-ja, sdu-zh): an @import of a file that is not there (a Sass path) is a warning, left out, as a browser skips it", async () => {
    const r = await build('missing-import');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: Marp theme "t" names ~highlight\.js\/styles\/sunburst, not found/);
    // What a slide passes on (its colour) is the section's: a `_color` directive, inline there, wins.
    expect(r.css).toContain('section{color:#010203}');
  });

  it("held back (sdu-zh): a theme's url() names the file from the deck's folder, as marp-cli's page reads it", async () => {
    const r = await build('deck-relative-url');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/not found/);
    // On the section, under the layer of `![bg]` pictures, not on the content box above it.
    expect(r.css).toMatch(/@layer kamishibai-marp\{section\{background:url\("\.\/media\/logo-\w+\.png"\)/);
  });

  it("a theme's section rules: the slide's background and what it passes on on the section, the rest on the content box, no slide size, rem of the slide's font size, nesting as written, marp-pre as pre", async () => {
    const r = await build('section-rules');
    expect(r.code, r.stderr).toBe(0);
    const layer = /@layer kamishibai-marp\{(section.*?)\}@layer/.exec(r.css)?.[1];
    expect(layer).toBe(
      'section>.slide-body{padding:50px}section{background:#fff;font-size:30px;--marpit-root-font-size: 30px}' +
        'section>.slide-body h2{color:red}section{color:red}' +
        'section>.slide-body h1{font-size:calc(var(--marpit-root-font-size, 1rem) * 1.5);margin:0 0 calc(var(--marpit-root-font-size, 1rem) * .5)}' +
        'section.cover>.slide-body{h1{color:#00f}}' +
        // polsl-pl: marp-core's own elements, as the plain ones they stand for.
        'section>.slide-body pre,section>.slide-body h2{font-size:60%}',
    );
  });

  it("held back (semi-ja): a theme read as a browser reads it (its last block unclosed), aimed at the slide's content box, its fonts followed by the deck's, its page number left out", async () => {
    const r = await build('unclosed');
    expect(r.code, r.stderr).toBe(0);
    expect(r.css).toContain('section>.slide-body{padding:40px}section{font-family:Arial,var(--deck-font),sans-serif}');
    expect(r.css).toContain('section.lead>.slide-body h1{color:#0000c8}');
    expect(r.css).toContain('code{font-family:Menlo,var(--deck-font-mono),monospace}');
    expect(r.css).toContain('h1{color:#c80000}');
    // Marp's page number (section::after) is left to Kamishibai's own.
    expect(r.css).not.toContain('data-marpit-pagination');
  });
});
