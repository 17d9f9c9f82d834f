// Slidev's dialect (a deck with a Slidev headmatter, or --dialect slidev), split as
// @slidev/parser splits: `---` starts a slide, and a `---` block right after it holds that
// slide's settings (layout, class, background, image...), not a slide of its own. The last
// HTML comment of a slide is its notes. Slidev's layouts map to Kamishibai's; its slots
// (::right::) become columns, `v-click`/`v-clicks` fragments, `/public` paths files in the
// talk's folder. Vue components and {{ }} expressions cannot run in a static deck: each is
// a warning at its line, and is left out.
import { error, warning, type Diagnostic } from '../errors.js';
import { withoutVue } from './slidev-vue.js';
import { fromRoot, importKey, slideRange, withBackground, type SlidevImports } from './slidev-src.js';
import { htmlComments } from '../markdown/comments.js';
import { fenceTracker } from '../markdown/fences.js';
import type { Dialect, RawSlide } from '../model.js';

/** Keys only Slidev puts in a headmatter: a deck with one is a Slidev deck. */
const SLIDEV_HEADMATTER = ['highlighter', 'drawings', 'mdc', 'colorSchema', 'canvasWidth', 'routerMode', 'info', 'themeConfig', 'fonts', 'lineNumbers', 'selectable', 'record', 'download', 'exportFilename', 'seoMeta', 'addons', 'monaco', 'remoteAssets', 'layout', 'hideInToc', 'clicks'];
const SLIDE_KEYS = /^(layout|class|background|image|transition|clicks|hideInToc|level|routeAlias|title|zoom|hide|disabled|src|preload|dragPos|name)\s*:/;

/**
 * Slidev's slot sugar (`::right::`, `:: title ::`, `::items.2::`), as its transformSlotSugar reads
 * a line: at the line's start, spaces allowed inside (themes such as Neversink write them so).
 */
const SLOT = /^::\s*([\w.:-]+)\s*::\s*$/;

/** Whether a deck is written for Slidev: its headmatter, or a slide's own settings block in its body. */
export function looksLikeSlidev(front: Record<string, unknown>, body: string): boolean {
  if (Object.keys(front).some((k) => SLIDEV_HEADMATTER.includes(k))) return true;
  const lines = body.split(/\r?\n/);
  // A `---`, a Slidev slide key, more YAML lines, and a closing `---` right after them.
  const block = (i: number) => {
    if (lines[i]!.trim() !== '---' || !SLIDE_KEYS.test(lines[i + 1] ?? '')) return false;
    let j = i + 2;
    while (j < lines.length && /^(\s+\S|[\w-]+\s*:)/.test(lines[j]!)) j++;
    return lines[j]?.trim() === '---';
  };
  return lines.some((_, i) => block(i)) || lines.some((l) => SLOT.exec(l)?.[1] === 'right');
}

/** Slidev's built-in layouts, as Kamishibai draws them: [layout, extra class]. */
const LAYOUTS: Record<string, [string, string?]> = {
  default: ['default'],
  none: ['default'],
  full: ['default'],
  cover: ['title'],
  intro: ['title'],
  center: ['default', 'lead'],
  section: ['section'],
  quote: ['quote'],
  statement: ['statement'],
  fact: ['statement'],
  end: ['statement'],
  'two-cols': ['two-column'],
  'two-cols-header': ['two-column'],
  'image-left': ['default'],
  'image-right': ['default'],
  image: ['default'],
};

export interface SlidevSettings {
  values: Record<string, unknown>;
  /** The headmatter's slide settings (layout, class...), which are the first slide's. */
  first: Record<string, unknown>;
  diagnostics: Diagnostic[];
}

/** Slidev's headmatter as Kamishibai settings; `known` says whether a theme name is one Kamishibai has. */
export function slidevSettings(front: Record<string, unknown>, file: string, keyLines: Record<string, number>, known: (theme: string) => boolean): SlidevSettings {
  const values: Record<string, unknown> = {};
  const first: Record<string, unknown> = {};
  const diagnostics: Diagnostic[] = [];
  for (const [key, value] of Object.entries(front)) {
    if (['layout', 'class', 'background', 'image', 'hideInToc', 'clicks', 'level', 'zoom'].includes(key)) first[key] = value;
    else if (key === 'theme' && typeof value === 'string' && !known(value)) {
      diagnostics.push(warning(file, keyLines.theme ?? 0, `"${value}" is a Slidev theme (an npm package of Vue layouts); the deck is drawn with Kamishibai's theme (theme: kamishibai-dark for a dark one)`));
    } else if (key === 'css' && (value === 'unocss' || value === 'windicss')) {
      diagnostics.push(warning(file, keyLines.css ?? 0, `css: ${value} is Slidev's CSS engine; Kamishibai does not generate its utility classes (text-center, mt-4...), so elements that use them keep the theme's look`));
    } else if (key === 'colorSchema') {
      if (value === 'dark' && !front.theme) values.theme = 'kamishibai-dark';
    } else if (key === 'aspectRatio' && typeof value === 'string' && /^\d+\/\d+$/.test(value)) values.aspectRatio = value.replace('/', ':');
    else if (key === 'info' && typeof value === 'string') values.description ??= value.trim().split('\n')[0];
    else if (key === 'transition') {
      // Slidev's names (slide-left, fade-out, view-transition...) as reveal.js's nearest.
      const name = String(value);
      const reveal = ['none', 'fade', 'slide', 'convex', 'concave', 'zoom'].includes(name);
      values.transition = reveal ? name : name.startsWith('slide') ? 'slide' : name.startsWith('fade') ? 'fade' : 'none';
    }
    else values[key] = value;
  }
  return { values, first, diagnostics };
}


/** One slide's Markdown with Slidev's syntax turned into Kamishibai's (line for line), and what cannot be. */
function translate(content: string, line: number, file: string, diagnostics: Diagnostic[], beside: Set<string>): string {
  const inFence = fenceTracker();
  return content
    .split('\n')
    .map((text, i) => {
      const at = line + i;
      if (inFence(text)) return text;
      const slot = SLOT.exec(text)?.[1];
      if (slot === 'right') return '<!-- column -->';
      if (slot === 'left' || slot === 'default' || slot === 'bottom') return '';
      // A slot of a theme's own layout (`::title::`): its content stays, in order, in Kamishibai's.
      if (slot) {
        diagnostics.push(warning(file, at, `"::${slot}::" is a slot of a Slidev theme's layout, which Kamishibai does not have; its content is drawn in order`));
        return '';
      }
      const out = text
        .replace(/<\/?v-clicks(\s[^>]{0,500})?>/g, (tag) => (tag.startsWith('</') ? '' : '<!-- fragments -->'))
        .replace(/<v-click(\s[^>]{0,500})?>/g, '<div class="fragment">')
        .replace(/<\/v-click>/g, '</div>')
        .replace(/<([a-z][\w-]*)([^<>]{0,500}?)\sv-click(?:=("[^"]{0,500}"|'[^']{0,500}'))?/g, (_m, tag: string, attrs: string) => `<${tag}${attrs} class="fragment"`)
        // Files under public/ (or the talk's folder) are named from the site's root in Slidev.
        .replace(/(\]\(|src=["'])(\/(?!\/)[^\s)"']*)/g, (_m, before: string, name: string) => before + fromRoot(name, beside));
      return withoutVue(out, (message) => diagnostics.push(warning(file, at, message)));
    })
    .join('\n');
}

/** A slide's settings block, parsed as `key: value` lines (scalars; what Slidev's slides set). */
function settingsOf(lines: string[]): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const l of lines) {
    const m = /^([A-Za-z][\w-]*)\s*:\s*(.*?)\s*$/.exec(l);
    if (m) settings[m[1]!] = m[2]!.replace(/^(["'])(.*)\1$/, '$2');
  }
  return settings;
}

interface Part {
  settings: Record<string, unknown>;
  from: number;
  to: number;
  /** Line index of each key of its settings block. */
  keyAt: Record<string, number>;
}

/** A file's slides as @slidev/parser cuts them: each one's settings and its lines [from, to). */
function partsOf(lines: string[], first: Record<string, unknown>): Part[] {
  const parts: Part[] = [];
  let start = 0;
  let settings: Record<string, unknown> = { ...first };
  let keyAt: Record<string, number> = {};
  let inComment = false;
  // The headmatter's settings are the first slide's: it is there even with nothing in it.
  let opened = Object.keys(first).length > 0;
  const slice = (end: number) => {
    // A settings block makes a slide, empty or not, as in Slidev.
    if (end > start || opened) parts.push({ settings, from: Math.min(start, end), to: end, keyAt });
    opened = false;
    settings = {};
    keyAt = {};
  };
  // As @slidev/parser: a line starting with --- ends a slide; one of exactly three
  // dashes followed by a non-blank line opens the next slide's settings, up to a ---.
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!.trimEnd();
    if (inComment) {
      inComment = !text.includes('-->');
      continue;
    }
    if (text.startsWith('---')) {
      slice(i);
      start = i + 1;
      const opens = text[3] !== '-' && lines[i + 1]?.trim();
      let j = i + 1;
      if (opens) while (j < lines.length && lines[j]!.trimEnd() !== '---') j++;
      // Never closed: no settings (Slidev's front-matter pattern needs the closing ---), and
      // the rest of the file is the slide (under the opening ---, which Slidev draws as a rule).
      if (opens && j < lines.length) {
        opened = true;
        settings = settingsOf(lines.slice(i + 1, j));
        for (let k = i + 1; k < j; k++) {
          const key = /^([\w-]+)\s*:/.exec(lines[k]!)?.[1];
          if (key && !(key in keyAt)) keyAt[key] = k;
        }
        i = j;
        start = j + 1;
      } else if (opens) i = j; // the rest, one slide: Slidev's search for the closing --- took it all
    } else if (text.trimStart().startsWith('```')) {
      // The fence with its indentation, as @slidev/parser keeps it: one under a list item
      // ends at a line with the same indentation.
      const ticks = /^\s*`+/.exec(text)![0];
      let j = i + 1;
      while (j < lines.length && !lines[j]!.startsWith(ticks)) j++;
      if (j < lines.length) i = j;
    } else if (text.includes('<!--') && !text.slice(text.lastIndexOf('<!--')).includes('-->')) inComment = true;
  }
  if (start <= lines.length - 1 || opened) slice(lines.length);
  return parts;
}

const hidden = (s: Record<string, unknown>) => s.hide === true || s.hide === 'true' || s.disabled === true || s.disabled === 'true';

/** A slide to draw: its settings, lines and the file they are in (an imported one, or the deck). */
interface Placed {
  settings: Record<string, unknown>;
  content: string;
  /** The line in `display` of its first line, for the dialect's own warnings. */
  fileLine: number;
  /** The deck's line it is drawn for: its own, or the `src:` slide's that imported it. */
  line: number;
  display: string;
  /** The line in `display` of each of its own settings (the headmatter's for the deck's first slide). */
  keyLines: Record<string, number>;
}

/**
 * The deck's slides with each `src:` slide replaced by the slides of the file it names, as
 * @slidev/parser's load() does: the importing slide's settings (all but src) override each
 * imported slide's, its own content is dropped, and a file importing itself or an importer is refused.
 */
function placeAll(body: string, firstLine: number, key: string, file: string, first: Record<string, unknown>, firstLines: Record<string, number>, imports: SlidevImports | undefined, diagnostics: Diagnostic[]): Placed[] {
  const placed: Placed[] = [];
  const walk = (text: string, fileLine: number, key: string, display: string, parts: Part[], override: Record<string, unknown>, chain: string[], deckLine?: number) => {
    const lines = text.split('\n');
    for (const [n, part] of parts.entries()) {
      if (hidden(part.settings)) continue;
      const settings = { ...part.settings, ...override };
      const at = fileLine + part.from;
      const keyLines = { ...(n === 0 && display === file ? firstLines : {}), ...Object.fromEntries(Object.entries(part.keyAt).map(([k, i]) => [k, fileLine + i])) };
      const src = typeof part.settings.src === 'string' ? part.settings.src : undefined;
      const found = src !== undefined ? imports?.get(importKey(key, src)) : undefined;
      if (src === undefined || !found) {
        placed.push({ settings, content: lines.slice(part.from, part.to).join('\n'), fileLine: at, line: deckLine ?? at, display, keyLines });
        continue;
      }
      const srcLine = keyLines.src ?? at - 1;
      if ('problem' in found) diagnostics.push(error(display, srcLine, `src: ${found.problem}`));
      else if (chain.includes(found.file)) diagnostics.push(error(display, srcLine, `src: "${src}" imports a file that imports this one; Slidev refuses the cycle, and so does Kamishibai`));
      else {
        const carried = { ...settings };
        delete carried.src;
        const theirs = partsOf(found.text.split('\n'), {});
        const picked = slideRange(theirs.length, src.split('#')[1]).map((n) => theirs[n - 1]!);
        walk(found.text, 1, found.file, found.display, picked, carried, [...chain, found.file], deckLine ?? at);
      }
    }
  };
  walk(body, firstLine, key, file, partsOf(body.split('\n'), first), {}, [key]);
  return placed;
}

/**
 * `imports` holds the files `src:` slides name (slidev-src.ts), keyed by the importing file:
 * `deckFile` for the deck's own; `beside`, the web-root paths found in the talk's folder, not public/.
 */
export function slidevDialect(first: Record<string, unknown> = {}, imports?: SlidevImports, deckFile?: string, beside = new Set<string>(), firstLines: Record<string, number> = {}): Dialect {
  return {
    name: 'slidev',
    split(body, firstLine, file) {
      const diagnostics: Diagnostic[] = [];
      const placed = placeAll(body, firstLine, deckFile ?? file, file, first, firstLines, imports, diagnostics);
      const slides: RawSlide[] = [];
      for (const { settings: s, content: text, fileLine, line, display, keyLines } of placed) {
        // A setting's warning at its own line; one the slide took from elsewhere at its settings block.
        const lineOf = (key: string) => keyLines[key] ?? fileLine - 1;
        let content = text;
        // The last comment, when nothing follows it, is the slide's notes.
        let notes = '';
        const last = htmlComments(content).at(-1);
        if (last && content.slice(last.end).trim() === '') {
          notes = last.content.trim();
          content = content.slice(0, last.start);
        }
        content = translate(content, fileLine, display, diagnostics, beside);
        const layoutName = typeof s.layout === 'string' ? s.layout : undefined;
        // A theme's own layout with a ::right:: slot (Neversink's two-cols-title) has its columns in Kamishibai's.
        const columns = content.split('\n').includes('<!-- column -->');
        const mapped = layoutName ? (LAYOUTS[layoutName] ?? (columns ? (['two-column'] as [string]) : undefined)) : undefined;
        if (layoutName && !LAYOUTS[layoutName]) diagnostics.push(warning(display, lineOf('layout'), `layout "${layoutName}" is a Slidev layout Kamishibai does not have; drawn with its ${mapped ? 'two-column' : 'default'} layout`));
        // Pictures the layout names: a background, or one side of the slide.
        const image = typeof s.image === 'string' ? fromRoot(s.image, beside) : undefined;
        const picture = layoutName === 'image-left' ? 'bg left' : layoutName === 'image-right' ? 'bg right' : layoutName === 'image' || layoutName === 'cover' ? 'bg' : undefined;
        // Added at the end, so that the lines above keep their numbers; backgrounds leave the flow anyway.
        if (image && picture) content = `${content}\n![${picture}](${image})`;
        const attrs: Record<string, string> = {};
        content = withBackground(content, s.background, attrs, display, lineOf('background'), diagnostics, beside);
        // slidev-slide: Slidev's default layout keeps content at the top, under its heading; base.css does the same.
        attrs.class = ['slidev-slide', mapped?.[1], typeof s.class === 'string' ? s.class : undefined].filter(Boolean).join(' ');
        for (const key of Object.keys(s)) {
          if (['zoom', 'src', 'transition', 'clicks', 'dragPos'].includes(key)) diagnostics.push(warning(display, lineOf(key), `"${key}" is a Slidev slide setting Kamishibai does not read; left out`));
        }
        // two-cols: its default slot is the left column, heading and all (two-cols-header puts one above both).
        const headingInColumn = layoutName === 'two-cols';
        const origin = display === file ? {} : { origin: { file: display, line: fileLine } };
        slides.push({ body: content, notes, line, ...origin, notesLine: 0, h: slides.length, v: 0, ownStyles: 'all', ...(mapped ? { layout: mapped[0] } : {}), attrs, ...(headingInColumn ? { headingInColumn } : {}) });
      }
      return { slides, diagnostics };
    },
  };
}
