// The public corpus's decks (test/corpus/<tool>/<name>/, each described by its SOURCE file) and
// their slide counts as each deck's own tool makes them: Marp with marp-core (custom themes
// found in the deck's folder added to its theme set, as marp-cli's themeSet would), Slidev with
// @slidev/parser's load() (follows src: imports, leaves out hide/disabled slides), reveal.js and
// reveal-md with the slide splitter of reveal.js's markdown plugin (same regular expressions,
// same loop). Used by measure.mjs and by test/corpus.test.ts.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Marp } from '@marp-team/marp-core';
import { load as loadSlidev } from '@slidev/parser/fs';
import { parse as parseYaml } from 'yaml';
import { readSource } from './source.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

export function listDecks(only) {
  const decks = [];
  for (const tool of ['reveal', 'reveal-md', 'marp', 'slidev']) {
    const toolDir = path.join(here, tool);
    if (!existsSync(toolDir)) continue;
    for (const name of readdirSync(toolDir).sort()) {
      const dir = path.join(toolDir, name);
      if (!statSync(dir).isDirectory() || (only && only !== `${tool}/${name}`)) continue;
      const source = readSource(dir);
      decks.push({ tool, name, dir, source, file: path.join(dir, source.deck) });
    }
  }
  return decks;
}

export const unescape = (re) => re.replace(/\\n/g, '\n').replace(/\\r/g, '\r');

/** The loop of reveal.js's markdown plugin (slidify): one leaf slide per piece of text. */
export function revealPieces(markdown, separator, vertical) {
  const all = new RegExp(separator + (vertical ? `|${vertical}` : ''), 'mg');
  const horizontal = new RegExp(separator);
  const stacks = [];
  let last = 0;
  let wasHorizontal = true;
  for (let m = all.exec(markdown); m; m = all.exec(markdown)) {
    const isHorizontal = horizontal.test(m[0]);
    if (!isHorizontal && wasHorizontal) stacks.push([]);
    const piece = markdown.substring(last, m.index);
    if (isHorizontal && wasHorizontal) stacks.push(piece);
    else stacks[stacks.length - 1].push(piece);
    last = all.lastIndex;
    wasHorizontal = isHorizontal;
    if (m[0] === '') all.lastIndex++;
  }
  (wasHorizontal ? stacks : stacks[stacks.length - 1]).push(markdown.substring(last));
  return stacks.flat();
}

/** Slides and slides with notes, as the plugin finds them: exactly one notes separator. */
function revealCount(markdown, separator, vertical) {
  const pieces = revealPieces(markdown, separator, vertical);
  const notes = pieces.filter((p) => p.split(/^s*notes?:/gim).length === 2).length;
  return { slides: pieces.length, notes };
}

/** reveal-md strips YAML front matter and reads separator/verticalSeparator from it. */
export function frontMatter(text) {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
  if (!m) return { body: text, keys: {} };
  return { body: text.slice(m[0].length), keys: parseYaml(m[1]) ?? {} };
}

export function referenceCount(deck) {
  const text = readFileSync(deck.file, 'utf8');
  if (deck.tool === 'marp') {
    const marp = new Marp({ html: true, math: true });
    for (const css of cssFiles(deck.dir)) marp.themeSet.add(readFileSync(css, 'utf8'));
    const { html, comments } = marp.render(text, { htmlAsArray: true });
    return { slides: html.length, notes: comments.filter((c) => c.length > 0).length };
  }
  if (deck.tool === 'reveal-md') {
    const { body, keys } = frontMatter(text);
    // reveal-md 6's defaults (lib/defaults.json).
    const sep = keys.separator ?? deck.source.separator ?? '\\r?\\n---\\r?\\n';
    const vert = keys.verticalSeparator ?? deck.source.vertical ?? '\\r?\\n----\\r?\\n';
    return revealCount(body, unescape(sep), unescape(vert));
  }
  if (deck.tool === 'reveal') {
    const body = deck.source['front matter'] ? frontMatter(text).body : text;
    const sep = deck.source.separator ? unescape(deck.source.separator) : '\r?\n---\r?\n';
    const vert = deck.source.vertical ? unescape(deck.source.vertical) : null;
    return revealCount(body, sep, vert);
  }
  throw new Error(`no reference count for ${deck.tool}`); // slidev: async, see slidevCount
}

export async function slidevCount(deck) {
  const data = await loadSlidev({ roots: [deck.dir], userRoot: deck.dir }, deck.file);
  const shown = data.slides.filter((s) => !s.frontmatter?.hide && !s.frontmatter?.disabled);
  return { slides: shown.length, notes: shown.filter((s) => s.note?.trim()).length };
}

/** Marp theme CSS files (those that declare /* @theme name *\/) under the deck's folder. */
function cssFiles(dir) {
  const found = [];
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const p = path.join(e.parentPath ?? e.path, e.name);
    if (e.isFile() && p.endsWith('.css') && /@theme\s+\S+/.test(readFileSync(p, 'utf8'))) found.push(p);
  }
  // Themes that @import others must come after them.
  return found.sort((a, b) => Number(/@import\s+['"]\w/.test(readFileSync(a, 'utf8'))) - Number(/@import\s+['"]\w/.test(readFileSync(b, 'utf8'))));
}

/** The deck's slides and slides with notes as its own tool counts them. */
export async function theirCount(deck) {
  return deck.tool === 'slidev' ? slidevCount(deck) : referenceCount(deck);
}
