// A deck written for reveal-md, as a migrating speaker brings it: it builds, in its reveal.js
// theme, offline, with its separators, notes and options.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { pdfInfo, pdfText } from '../helpers/pdf.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'kamishibai-reveal-md-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const deck = 'test/fixtures/reveal-md/deck';

describe('a reveal-md deck', () => {
  it('builds with no warning, its slides, notes and reveal.js options', () => {
    const r = runCli(['build', deck, '--out', tmp]);
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n').filter((l) => /: (warning|error): /.test(l))).toEqual([]);
    const page = readFileSync(path.join(tmp, 'deck', 'index.html'), 'utf8');
    expect(page).toContain('"transition":"fade"');
    expect(page).toContain('"controls":false');
    expect(page.match(/data-h="0" data-line="\d+" data-v="1"/)).not.toBeNull();
    expect(pdfInfo(path.join(tmp, 'deck', 'deck.pdf')).pages).toBe(3);
    expect(pdfText(path.join(tmp, 'deck', 'deck-handout.pdf'))).toContain('spoken under the first slide');
  });

  it("is drawn in reveal.js's moon theme from the reveal.js package, with no font fetched", () => {
    const css = readFileSync(path.join(tmp, 'deck', 'assets', 'kamishibai.css'), 'utf8');
    expect(css).toContain('--r-background-color:#002b36');
    expect(css).toContain('League Gothic');
    // Its highlightTheme, monokai, with the style's own background over the theme's code colour.
    expect(css).toMatch(/\.hljs-keyword[^{]*\{color:#f92672\}/);
    expect(css).toContain('.reveal pre code.hljs{background:#272822;color:#ddd;--kamishibai-code-style:named}');
    expect(css).not.toMatch(/googleapis|https?:\/\//);
  });

  it('passes check with no request off the machine and no text in a fallback font', () => {
    const r = runCli(['check', deck]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/blocked a network request|fallback font|overflows/);
  });
});
