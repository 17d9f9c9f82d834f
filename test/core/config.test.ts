// Precedence of settings: CLI flags > front matter > kamishibai.config.ts > defaults.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build, DEFAULTS } from '../../src/index.js';
import { MAX_PARTS, MAX_REPEATED_TEXT, repeatedOnSlides, resolveDeckConfig, suggestKey, validateDeckFields } from '../../src/core/config.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'kamishibai-config-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function project(name: string, config: string | undefined, frontMatter: string): string {
  const root = path.join(tmp, name);
  mkdirSync(path.join(root, 'slides', 'talk'), { recursive: true });
  if (config !== undefined) writeFileSync(path.join(root, 'kamishibai.config.ts'), config);
  writeFileSync(path.join(root, 'slides', 'talk', 'slides.md'), `---\n${frontMatter}\n---\n\n## Hello\n`);
  return root;
}

const revealConfig = (root: string) => {
  const page = readFileSync(path.join(root, 'dist', 'talk', 'index.html'), 'utf8');
  return JSON.parse(/<script type="application\/json" id="kamishibai-config">(.*?)<\/script>/s.exec(page)![1]!) as Record<string, unknown>;
};
const css = (root: string) => readFileSync(path.join(root, 'dist', 'talk', 'assets', 'kamishibai.css'), 'utf8');

describe('settings precedence', () => {
  it('merges in order: flags, then front matter, then the config file, then defaults', () => {
    const merged = resolveDeckConfig({ transition: 'zoom', lang: 'ja' }, { transition: 'fade', slideNumber: false, lang: 'en' }, { lang: 'fr' });
    expect(merged.transition).toBe('zoom'); // front matter over config
    expect(merged.slideNumber).toBe(false); // config over default
    expect(merged.lang).toBe('fr'); // flag over all
    expect(merged.aspectRatio).toBe(DEFAULTS.aspectRatio); // default
  });

  it('applies kamishibai.config.ts, front matter and --theme in a real build', async () => {
    const root = project(
      'precedence',
      `import { defineConfig } from 'kamishibai';\nexport default defineConfig({ deck: { transition: 'fade', slideNumber: false, theme: 'kamishibai-dark' } });\n`,
      'title: Precedence\ntransition: zoom',
    );
    let r = await build({ root, pdf: false, outDir: path.join(root, 'dist') });
    expect(r.diagnostics).toEqual([]);
    expect(revealConfig(root)).toMatchObject({ transition: 'zoom', slideNumber: false });
    expect(css(root)).toContain('#17181c'); // the dark theme, from the config
    r = await build({ root, pdf: false, outDir: path.join(root, 'dist'), deck: { theme: 'kamishibai' } });
    expect(r.ok).toBe(true);
    expect(css(root)).not.toContain('#17181c'); // the flag wins
  });

  it('reports an unknown key in the config file with its line and the nearest key', async () => {
    const root = project('bad-config', `import { defineConfig } from 'kamishibai';\nexport default defineConfig({\n  deck: {\n    them: 'x',\n  },\n});\n`, 'title: x');
    const r = await build({ root, pdf: false, outDir: path.join(root, 'dist') });
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toEqual([expect.objectContaining({ file: expect.stringMatching(/kamishibai\.config\.ts$/), line: 4, message: expect.stringMatching(/unknown key in deck "them"; did you mean "theme"\?/) })]);
  });

  it('a talk can bring its own CSS over the theme', async () => {
    const root = project('own-css', undefined, 'title: Own\ncss: brand.css');
    writeFileSync(path.join(root, 'slides', 'talk', 'brand.css'), ':root { --accent: #0b6e4f; }\n');
    const r = await build({ root, pdf: false, outDir: path.join(root, 'dist') });
    expect(r.diagnostics).toEqual([]);
    const text = css(root);
    expect(text.lastIndexOf('#0b6e4f')).toBeGreaterThan(text.lastIndexOf('--accent:#b3261e'));
  });

  it('suggests the nearest key only when it is close', () => {
    expect(suggestKey('titel', ['title', 'theme'])).toBe('title');
    expect(suggestKey('Title', ['title'])).toBe('title');
    expect(suggestKey('zzzzzz', ['title', 'theme'])).toBeUndefined();
  });

  it('trust-b 13: text drawn on every slide is capped (a 100 KB footer on 300 slides made a 30 MB page)', () => {
    const { values, problems } = validateDeckFields({ footer: 'x'.repeat(100_000), parts: Array.from({ length: 2000 }, (_, i) => `p${i}`) });
    // Slides are still checked against as many nameless parts as Kamishibai takes.
    expect(values).toEqual({ parts: Array.from({ length: MAX_PARTS }, () => '') });
    expect(problems.map((p) => [p.key, p.message])).toEqual([
      ['footer', `"footer" is 100000 characters long; it is drawn on every slide, so Kamishibai takes up to ${MAX_REPEATED_TEXT}`],
      ['parts', `"parts" lists 2000 parts; every slide of a part shows them all, so Kamishibai takes up to ${MAX_PARTS}`],
    ]);
    expect(validateDeckFields({ parts: ['a', 'b'.repeat(600)] }).problems[0]!.message).toMatch(/the names in "parts" are 601 characters in all/);
    // The re-run's variant: 50 names of 500 characters each, every one under the old per-name cap.
    const wide = validateDeckFields({ parts: Array.from({ length: MAX_PARTS }, (_, i) => `${i}`.padEnd(500, 'p')) }).problems;
    expect(wide.map((p) => p.message)).toEqual([`the names in "parts" are ${MAX_PARTS * 500} characters in all; every slide of a part shows them all, so Kamishibai takes up to ${MAX_REPEATED_TEXT} in all (shorten them: the marker is one line)`]);
    expect(validateDeckFields({ footer: '#talk @event', parts: ['Why', 'How'] }).problems).toEqual([]);
  });
});

describe('trust-b 13 (the third re-run\'s variant): a footer on too many slides', () => {
  it('is refused when the footer as HTML times the slides passes 4 MB, saying how long it may be', () => {
    const deck = resolveDeckConfig({ footer: '&'.repeat(500) });
    expect(repeatedOnSlides(deck, 20_000)).toBe('the footer (2500 characters as HTML) would be drawn on each of 20000 slides, 50 MB of page; shorten it to 200 characters for this many slides');
    expect(repeatedOnSlides(resolveDeckConfig({ footer: 'x'.repeat(500) }), 8_000)).toBeUndefined();
    expect(repeatedOnSlides(resolveDeckConfig({ footer: '#talk @event' }), 60_000)).toBeUndefined();
  });
});

describe('trust-b 07, issue 20 item 18: lang and url are checked with the other keys, before any page or browser uses them', () => {
  it('a lang that is no BCP 47 tag and a url that is no address are errors at their lines, and no browser starts', async () => {
    const root = project('shapes', undefined, `title: T\nlang: 'en"><script>window.x=1</script><b x="'\nurl: "not a url"`);
    const r = await build({ root, browserPath: '/nonexistent/chromium' });
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => `${d.line}: ${d.message}`)).toEqual([
      `3: "lang" must be a BCP 47 language tag such as en, ja or pt-BR, got "en\\"><script>window.x=1</script><b x=\\""`,
      '4: "url" must be the talk\'s public address, starting with https:// or http://, got "not a url"',
    ]);
  });

  it('accepts the tags and addresses decks use', async () => {
    const root = project('shapes-ok', undefined, 'title: T\nlang: zh-Hant-TW\nurl: https://example.com/talks/t/');
    const r = await build({ root, pdf: false });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});
