// The Marp dialect against Marp itself: each fixture deck (test/fixtures/marp/*) rendered by
// marp-core (what marp-cli uses) and built by Kamishibai's core, compared slide by slide:
// the slide count, each slide's classes, page number, header, footer, background colour and
// image (directives), text colour, background pictures (size, filters, split), picture sizes,
// fitting headings and speaker notes.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Marp } from '@marp-team/marp-core';
import { findAll, textContent } from 'domutils';
import type { Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { marpDialect } from '../../../src/core/dialects/marp.js';
import { readTalk, renderTalk } from '../../../src/core/pipeline.js';
import { themeNameOf } from '../../../src/core/dialects/marp-theme.js';
import { FIXTURES } from '../../helpers/fixtures.js';
import { memoryEnv } from '../../helpers/memory-env.js';

const DIR = path.join(FIXTURES, 'marp');

interface Facts {
  classes: string[];
  paginate: boolean;
  header: string;
  footer: string;
  backgroundColor: string;
  /** The file of a backgroundImage directive, and its size. */
  backgroundImage: string;
  color: string;
  backgrounds: string[];
  split: string;
  images: string[];
  fit: boolean;
  /** Line breaks in the slide's text (Marp keeps single ones: `breaks`). */
  lineBreaks: number;
  /** Emoji, written as characters or as shortcodes (`:tada:`), in order. */
  emoji: string;
  notes: string;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const EMOJI = /\p{Extended_Pictographic}\uFE0F?/gu;
const isEmojiImg = (e: Element) => e.name === 'img' && (e.attribs.class ?? '').split(' ').includes('emoji');
const styleOf = (style: string, prop: string) => new RegExp(`(?:^|;)\\s*${prop}\\s*:\\s*([^;]+)`).exec(style)?.[1]?.trim() ?? '';
const byTag = (root: Element, test: (e: Element) => boolean) => findAll(test, root.children);
/** `e` is inside an element named (or classed) one of `names`. */
const inside = (e: Element, names: string[]): boolean => {
  for (let p = e.parent as Element | null; p && 'name' in p; p = p.parent as Element | null) if (names.includes(p.name) || (p.attribs.class ?? '').split(' ').some((c) => names.includes(c))) return true;
  return false;
};
/** A background as both tools write it: file, size (cover unless said), filter. */
const background = (image: string, size: string, filter: string) => `${/url\(["']?([^"')]+)/.exec(image.replace(/&quot;/g, '"'))?.[1] ?? ''} ${size || 'cover'} ${filter}`.trim();
const picture = (e: Element) => `${e.attribs.src} ${styleOf(e.attribs.style ?? '', 'width')} ${styleOf(e.attribs.style ?? '', 'height')} ${styleOf(e.attribs.style ?? '', 'filter')}`.trim();

/** The fixture's Marp theme files (CSS declaring `@theme name`), by name, as marp-cli's themeSet takes them. */
function themeFiles(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const name = f.endsWith('.css') ? themeNameOf(readFileSync(path.join(dir, f), 'utf8')) : undefined;
    if (name) found.set(name, f);
  }
  return found;
}

/**
 * marp-core's HTML and comments without its CSS: the facts are all in the HTML, and the CSS
 * (its themes through PostCSS) was two thirds of the render's time. The HTML is the same.
 */
class MarpHtml extends Marp {
  html(markdown: string) {
    return { html: this.renderMarkdown(markdown), comments: this.lastComments ?? [] };
  }
}

function marpFacts(markdown: string, dir: string): Facts[] {
  const marp = new MarpHtml({ inlineSVG: true });
  // Themes that import others by name come after them.
  const themes = [...themeFiles(dir).values()].map((f) => readFileSync(path.join(dir, f), 'utf8'));
  for (const css of themes.sort((a, b) => Number(/@import\s+['"]\w/.test(a) && a.includes(`'${themeNameOf(b)}'`)) - Number(/@import\s+['"]\w/.test(b) && b.includes(`'${themeNameOf(a)}'`)))) marp.themeSet.add(css);
  const { html, comments } = marp.html(markdown);
  const doc = parseDocument(html, { decodeEntities: false });
  const svgs = findAll((e) => e.name === 'svg' && e.attribs['data-marpit-svg'] !== undefined, doc.children);
  return svgs.map((svg, i) => {
    const sections = byTag(svg, (e) => e.name === 'section');
    const content = sections.find((s) => !['background', 'pseudo'].includes(s.attribs['data-marpit-advanced-background'] ?? ''))!;
    const bg = sections.find((s) => s.attribs['data-marpit-advanced-background'] === 'background');
    const text = (tag: string) => squash(byTag(content, (e) => e.name === tag).map(textContent).join(''));
    const style = content.attribs.style ?? '';
    return {
      classes: (content.attribs.class ?? '').split(/\s+/).filter(Boolean).sort(),
      paginate: content.attribs['data-marpit-pagination'] !== undefined,
      header: text('header'),
      footer: text('footer'),
      backgroundColor: content.attribs['data-background-color'] ?? '',
      backgroundImage: /url\(/.test(styleOf(style, 'background-image')) ? background(styleOf(style, 'background-image'), styleOf(style, 'background-size'), '') : '',
      color: styleOf(style, 'color'),
      backgrounds: bg ? byTag(bg, (e) => e.name === 'figure').map((f) => background(styleOf(f.attribs.style!, 'background-image'), styleOf(f.attribs.style!, 'background-size'), styleOf(f.attribs.style!, 'filter'))) : [],
      split: bg?.attribs['data-marpit-advanced-background-split'] ? `${bg.attribs['data-marpit-advanced-background-split']} ${styleOf(bg.attribs.style ?? '', '--marpit-advanced-background-split') || '50%'}` : '',
      // marp-core draws emoji as Twemoji pictures (their alt is the character); Kamishibai as the character.
      images: byTag(content, (e) => e.name === 'img' && !isEmojiImg(e)).map(picture),
      fit: byTag(content, (e) => /^h[1-6]$/.test(e.name) && e.attribs['data-auto-scaling'] !== undefined).length > 0,
      lineBreaks: byTag(content, (e) => e.name === 'br' && !inside(e, ['header', 'footer'])).length,
      emoji: byTag(content, (e) => isEmojiImg(e) && !inside(e, ['header', 'footer'])).map((e) => e.attribs.alt).join(''),
      notes: squash(comments[i]!.filter((c) => c !== 'fit').join(' ')),
    };
  });
}

/** Each fixture's warnings, for the tests that look at them. */
const warnings = new Map<string, string[]>();

const OURS = new Set(['marp-slide', 'marp-default', 'marp-gaia', 'marp-uncover', 'marp-theme', 'marp-fit-code', 'fit', 'has-bg', 'bg-split', 'bg-left', 'bg-right', 'has-dark-background', 'has-light-background']);

async function kamishibaiFacts(name: string): Promise<Facts[]> {
  const dir = path.join(DIR, name);
  const files: Record<string, string> = { '/talk/slides.md': readFileSync(path.join(dir, 'slides.md'), 'utf8') };
  const images = path.join(dir, 'images');
  for (const f of existsSync(images) ? readdirSync(images) : []) files[`/talk/images/${f}`] = '<svg/>';
  const themes = new Map([...themeFiles(dir)].map(([name, f]) => [name, `/talk/${f}`]));
  for (const [, f] of themeFiles(dir)) files[`/talk/${f}`] = readFileSync(path.join(dir, f), 'utf8');
  const env = await memoryEnv(files, { marpThemes: async () => themes });
  const built = await renderTalk(await readTalk({ slug: 'talk', file: '/talk/slides.md', displayFile: 'slides.md' }, env), env);
  expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  warnings.set(name, built.diagnostics.filter((d) => d.severity === 'warning').map((d) => `${d.line}: ${d.message}`));
  return built.slides.map((slide) => {
    const doc = parseDocument(`<section>${slide.html}</section>`, { decodeEntities: false });
    const root = doc.children[0] as Element;
    const text = (cls: string) => squash(byTag(root, (e) => (e.attribs.class ?? '').split(' ').includes(cls)).map(textContent).join(''));
    const style = slide.attrs.style ?? '';
    const split = /bg-(left|right)/.exec(slide.attrs.class ?? '')?.[1];
    return {
      classes: (slide.attrs.class ?? '').split(/\s+/).filter((c) => c && !OURS.has(c)).sort(),
      paginate: slide.attrs['data-paginate'] === 'true',
      header: text('slide-header'),
      footer: text('slide-footer'),
      backgroundColor: slide.attrs['data-background-color'] ?? '',
      backgroundImage: slide.attrs['data-background-image'] ? `${slide.attrs['data-background-image']} ${slide.attrs['data-background-size'] ?? 'cover'}` : '',
      color: styleOf(style, 'color'),
      backgrounds: byTag(root, (e) => e.name === 'figure' && e.parent !== null && ((e.parent as Element).attribs?.class ?? '').includes('slide-bg')).map((f) =>
        background(styleOf(f.attribs.style!, 'background-image'), styleOf(f.attribs.style!, 'background-size'), styleOf(f.attribs.style!, 'filter')),
      ),
      split: split ? `${split} ${styleOf(style, '--bg-split')}` : '',
      images: byTag(root, (e) => e.name === 'img' && !(e.attribs.class ?? '').includes('slide-logo')).map(picture),
      fit: byTag(root, (e) => /^h[1-6]$/.test(e.name) && (e.attribs.class ?? '').includes('r-fit-text')).length > 0,
      lineBreaks: byTag(root, (e) => e.name === 'br' && !inside(e, ['slide-header', 'slide-footer'])).length,
      emoji: (slide.html.match(EMOJI) ?? []).join(''),
      notes: squash(parseDocument(slide.notesHtml.replace(/<br>/g, ' ')).children.map(textContent).join(' ')),
    };
  });
}

describe('the Marp dialect, against marp-core on the same decks', () => {
  const decks = readdirSync(DIR).sort();
  it('has a fixture for every feature', () => expect(decks).toEqual(['backgrounds', 'breaks', 'chrome-markdown', 'custom-theme', 'directives', 'divider-comment', 'emoji', 'front-scoped', 'html-blocks', 'ignored-keys', 'images', 'list-breaks', 'loose-yaml', 'no-marp-key', 'reference-links', 'style-block', 'unknown-theme']));
  for (const name of decks) {
    it(`${name}: the same slides, classes, page numbers, header, footer, colours, backgrounds, pictures and notes`, async () => {
      const theirs = marpFacts(readFileSync(path.join(DIR, name, 'slides.md'), 'utf8'), path.join(DIR, name));
      const ours = await kamishibaiFacts(name);
      expect(ours).toEqual(theirs);
    });
  }
  it('issue 23: a custom theme is found by the name its CSS declares; what it loads from the network and the files not beside it are warnings', () => {
    expect(warnings.get('custom-theme')).toEqual([
      expect.stringMatching(/^3: Marp theme "fancy" loads https:\/\/fonts\.googleapis\.com\/css2\?family=Noto\+Sans\+JP:wght@400;700&display=swap from the network/),
      expect.stringMatching(/^3: Marp theme "fancy" names \.\.\/fonts\/gone\.woff2, not found beside it/),
    ]);
  });
  it("issue 23 (ddps-ko, default-plus): front matter only Marp's loose YAML reads; style's network @import left out with a warning", () => {
    expect(warnings.get('loose-yaml')).toEqual([expect.stringMatching(/^7: style: @import from the network left out/)]);
  });
  it('issue 23 (dracula): keys Marp ignores are one warning, with the Kamishibai key a typo may have meant', () => {
    expect(warnings.get('ignored-keys')).toEqual(['3: front-matter keys version, keywords, titel (did you mean title?): not a setting Kamishibai uses (Marp ignores them or puts them in the page\'s head); left out']);
  });
  it("issue 23: an unknown Marp theme is a warning at its line that says the deck is drawn in Kamishibai's theme, where marp-cli falls back to Marp's default", () => {
    expect(warnings.get('unknown-theme')).toEqual([expect.stringMatching(/^3: Marp theme "no-such-theme": no CSS file in the talk's folder declares .* drawn in Kamishibai's theme \(marp-cli draws Marp's default theme/)]);
  });
});

describe('the Marp dialect splits as marp-core does', () => {
  // Lines that make or break a slide boundary in Marpit: breaks, setext underlines, headings,
  // the containers a `---` may or may not underline (list items, quotes, indented), comments, fences.
  const LINES = ['# h', '## h', 'text', '- item', '1. item', '> quote', '  - nested', '  text', '---', '***', '___', '* * *', '- - -', '  * * *', '  ---', '===', '', '<!-- c -->', '```', 'code', '<div>', '</div>'];
  it('fast-check: any deck of these lines has marp-core\'s slide count', () => {
    const marp = new Marp({ script: false });
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...LINES), { maxLength: 24 }), (lines) => {
        // After a heading: a `---` on the first line would be front matter's, read before splitting.
        const body = ['# start', ...lines].join('\n');
        // marp-core's own Markdown parser and Marpit's slide tokens (render() would add ~20 ms of theme CSS a run).
        const theirs = marp.markdown.parse(body, {}).filter((t: { type: string }) => t.type === 'marpit_slide_open').length;
        const ours = marpDialect().split(body, 1, 'slides.md').slides.length;
        expect(ours, JSON.stringify(body)).toBe(theirs);
      }),
      { numRuns: 1000 },
    );
  });
});
