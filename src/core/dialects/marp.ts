// Marp's dialect (a deck with `marp: true`, or --dialect marp): every thematic break (`---`,
// `***`, `___`) starts a slide, or a heading with `headingDivider`; HTML comments are local
// directives (`<!-- class: lead -->` for this slide and those after it, `<!-- _class: lead -->`
// for this slide only) or, when they are not, speaker notes. Marp's front matter is read by
// marp-settings.ts: its global directives become Kamishibai settings, its local ones the first
// slide's. Images (`![bg left:40%](x.png)`, `![w:300](x.png)`) are read in every dialect
// (markdown/image-syntax.ts).
import { MAX_REPEATED_TEXT } from '../config.js';
import { lineCounter, warning, type Diagnostic } from '../errors.js';
import { htmlComments } from '../markdown/comments.js';
import { dividerLevels, GLOBAL, isLocal, tooLong, type Locals, type MarpLook } from './marp-settings.js';
import { fenceTracker } from '../markdown/fences.js';
import { isRemoteUrl } from '../markdown/slide-urls.js';
import type { Dialect, RawSlide } from '../model.js';

/**
 * headingDivider written in a comment (`<!-- headingDivider: 2 -->`), outside code: Marp reads
 * global directives wherever they are, the last one winning over the front matter.
 */
function dividerInComments(body: string): number[] | undefined {
  const inFence = fenceTracker();
  const masked = body.split('\n').map((l) => (inFence(l) ? ' '.repeat(l.length) : l)).join('\n');
  let found: number[] | undefined;
  for (const comment of htmlComments(masked)) {
    for (const d of directivesIn(comment.content) ?? []) if (d.key === 'headingDivider' && !d.scoped) found = dividerLevels(d.value);
  }
  return found;
}

const BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]|$)/;
/** A list item's marker and the spaces after it: its text starts at this match's length. */
const LIST_ITEM = /^ {0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]+|$)/;
const QUOTE = /^ {0,3}>/;
/** CommonMark's block-level tags (HTML block type 6): a line starting with one opens an HTML block. */
const BLOCK_TAGS = new Set('address article aside base basefont blockquote body caption center col colgroup dd details dialog dir div dl dt fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr html iframe legend li link main menu menuitem nav noframes ol optgroup option p param search section summary table tbody td tfoot th thead title tr track ul'.split(' '));
const TYPE_6 = /^ {0,3}<\/?([A-Za-z][A-Za-z0-9-]*)(?:[ \t>]|\/>|$)/;
/** Type 7: one whole open or close tag alone on its line (it may not interrupt a paragraph). */
const TYPE_7 = /^ {0,3}(?:<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*\/?>|<\/[A-Za-z][A-Za-z0-9-]*\s*>)[ \t]*$/;

/**
 * A line that opens an HTML block which runs to the next blank line (CommonMark 4.6, types 6
 * and 7): inside it, a ``` line, a --- line or a heading is HTML text, as markdown-it reads it.
 */
function opensHtmlBlock(text: string, inParagraph: boolean): boolean {
  const tag = TYPE_6.exec(text)?.[1]?.toLowerCase();
  return (tag !== undefined && BLOCK_TAGS.has(tag)) || (!inParagraph && TYPE_7.test(text));
}

const RAW_OPEN = /^ {0,3}<(style|script|pre|textarea)(?:[ \t>]|$)/i;

const DIRECTIVE_LINE = /^\s*(_?)([A-Za-z]+)\s*:\s*(.*?)\s*$/;

/** A comment's directives (every line `key: value` with a Marp directive key), or undefined for a note. */
function directivesIn(text: string): { key: string; value: string; scoped: boolean }[] | undefined {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 0) return undefined;
  const found: { key: string; value: string; scoped: boolean }[] = [];
  for (const line of lines) {
    const m = DIRECTIVE_LINE.exec(line);
    if (!m || !(isLocal(m[2]!) || GLOBAL.includes(m[2]!))) return undefined;
    found.push({ key: m[2]!, value: m[3]!.replace(/^(["'])(.*)\1$/, '$2'), scoped: m[1] === '_' });
  }
  return found;
}

/** The section attributes Marp's local directives give a slide. */
function attrsOf(d: Locals, look: MarpLook, fitsCode: boolean): Record<string, string> {
  const attrs: Record<string, string> = { 'data-paginate': d.paginate === 'true' ? 'true' : 'false' };
  // marp-slide and marp-<look>: where Marp's theme places a slide's content (base.css);
  // marp-fit-code: its code blocks zoom out to fit (client/fit.ts).
  attrs.class = ['marp-slide', `marp-${look}`, fitsCode && 'marp-fit-code', d.class].filter(Boolean).join(' ');
  if (d.header) attrs['data-header'] = d.header;
  if (d.footer) attrs['data-footer'] = d.footer;
  if (d.backgroundColor) attrs['data-background-color'] = d.backgroundColor;
  // A picture (url(...)) becomes a background file, checked and copied like any other; a
  // gradient stays CSS.
  const picture = d.backgroundImage ? /^\s*url\(\s*(['"]?)([^'")]+)\1\s*\)\s*$/.exec(d.backgroundImage)?.[2] : undefined;
  if (picture) {
    attrs['data-background-image'] = picture;
    attrs['data-background-size'] = d.backgroundSize ?? 'cover';
    attrs['data-background-position'] = d.backgroundPosition ?? 'center';
    attrs['data-background-repeat'] = d.backgroundRepeat ?? 'no-repeat';
  }
  const gradient = d.backgroundImage && !picture && !/url\(/i.test(d.backgroundImage) ? d.backgroundImage : undefined;
  // A picture from the network is not drawn offline (the build warns): the theme's background
  // stays, as Marp shows it when the picture cannot load (incide-es's blue lead slides).
  const drawn = picture && !isRemoteUrl(picture.trim());
  const style = [
    // On the section, as Marp sets them, over what a theme's `section {}` paints there; a
    // picture is reveal.js's background, behind the section, which then paints none.
    drawn ? 'background:none' : d.backgroundColor && `background-color:${d.backgroundColor}`,
    gradient && `background-image:${gradient}`,
    gradient && `background-position:${d.backgroundPosition ?? 'center'}`,
    gradient && `background-repeat:${d.backgroundRepeat ?? 'no-repeat'}`,
    gradient && `background-size:${d.backgroundSize ?? 'cover'}`,
    // Marp's `color` is the slide's text colour, headings and bold included (ours take --fg-strong).
    d.color && `color:${d.color};--fg:${d.color};--fg-strong:${d.color}`,
  ].filter(Boolean);
  if (style.length > 0) attrs.style = style.join(';');
  return attrs;
}

export function marpDialect(start: Locals = {}, fromFront: number[] = [], first: Locals = {}, look: MarpLook = 'default', fitsCode = true): Dialect {
  return {
    name: 'marp',
    split(body, firstLine, file) {
      const chunks = chunkLines(body.split('\n'), firstLine, dividerInComments(body) ?? fromFront);
      const read: Reading = { inherited: { ...start }, warned: new Set(), diagnostics: [], file };
      const slides = chunks.map((chunk, h) => slideOf(chunk, h, h === 0 ? { ...first } : {}, read, look, fitsCode));
      return { slides, diagnostics: read.diagnostics };
    },
  };
}

type Chunk = { lines: string[]; fenced: boolean[]; line: number };

/** What reading the slides' comments carries from slide to slide: directives in force, global keys warned of, problems. */
interface Reading {
  inherited: Locals;
  warned: Set<string>;
  diagnostics: Diagnostic[];
  file: string;
}

/** A line that goes on with an open paragraph of a list item without being indented into it: CommonMark's lazy continuation. */
function continuesLazily(text: string, inListParagraph: boolean): boolean {
  return inListParagraph && !BREAK.test(text) && !HEADING.test(text) && !QUOTE.test(text) && !/^ {0,3}(```|~~~)/.test(text) && !opensHtmlBlock(text, true) && !RAW_OPEN.test(text) && !/^\s*<!--/.test(text);
}

/* eslint-disable max-lines-per-function -- one pass of Marpit's splitting rules over the lines: its states (a comment, an HTML block, a fence, a raw block, a paragraph) change each other */
/** The deck's lines in slides as Marpit splits markdown-it's tokens: at every thematic break, and before a heading of a divided level once anything visible came before it. */
function chunkLines(lines: string[], firstLine: number, headingDivider: number[]): Chunk[] {
  const chunks: Chunk[] = [{ lines: [], fenced: [], line: firstLine }];
  const inFence = fenceTracker();
  const push = (text: string, fenced: boolean) => {
    chunks.at(-1)!.lines.push(text);
    chunks.at(-1)!.fenced.push(fenced);
  };
  // As Marpit splits markdown-it's tokens: at every thematic break, and before a heading of
  // a divided level once anything visible came before it (an hr counts, comments do not).
  let seen = false;
  // `inside`: the paragraph is a list item's (its text's column) or a quote's: a line less
  // indented, or without the `>`, is no setext underline of it (CommonMark's lazy lines cannot
  // be one), so a `---` right under `- item` is a thematic break, a new slide, as in Marpit.
  let paragraph: { chunk: number; at: number; line: number; seenBefore: boolean; inside?: number | '>' } | undefined;
  /** The text columns of the open list items, outermost first. */
  const lists: number[] = [];
  const underlines = (text: string) => {
    const inside = paragraph?.inside;
    if (inside === undefined) return true;
    return inside === '>' ? QUOTE.test(text) : text.length - text.trimStart().length >= inside;
  };
  let inComment = false;
  let inHtml = false;
  // An HTML block of type 1 (<style>, <script>, <pre>, <textarea>) runs to its closing tag;
  // a <style> block is hidden (Marpit reads it as the deck's CSS), so it is not "seen".
  let raw: { tag: string; hidden: boolean } | undefined;
  lines.forEach((text, i) => {
    const lineNo = firstLine + i;
    const indent = text.length - text.trimStart().length;
    // Lists stay open over blank lines while lines are indented into their items (a `---` there
    // is an item's rule, no slide break) or continue an item's paragraph lazily; another line
    // less indented closes the items deeper than it.
    // A thematic break (`* * *`, `- - -`) is no list item, though it starts like one.
    const item = BREAK.test(text) ? null : LIST_ITEM.exec(text);
    // The text column of an item that holds text on this line (an empty `- ` opens no paragraph).
    const itemText = item && item[0].length < text.length ? item[0].length : undefined;
    if (!raw && !inHtml && !inComment && !inFence.open && text.trim() !== '' && !item && !continuesLazily(text, typeof paragraph?.inside === 'number')) {
      while (lists.length > 0 && indent < lists.at(-1)!) lists.pop();
    }
    const opens = !raw && !inHtml && !inComment && !inFence.open ? RAW_OPEN.exec(text)?.[1]?.toLowerCase() : undefined;
    if (opens) raw = { tag: opens, hidden: opens === 'style' };
    if (raw) {
      push(text, true);
      if (!raw.hidden) seen = true;
      if (new RegExp(`</${raw.tag}>`, 'i').test(opens ? text.slice(text.indexOf('>')) : text)) raw = undefined;
      paragraph = undefined;
      return;
    }
    if (inHtml || (!inComment && !inFence.open && opensHtmlBlock(text, paragraph !== undefined))) {
      inHtml = text.trim() !== '';
      if (inHtml) {
        // Masked like code: a comment inside an HTML block is neither a directive nor a note (Marpit reads none).
        push(text, true);
        seen = true;
        paragraph = undefined;
        return;
      }
    }
    if (!inComment && inFence(text)) {
      push(text, true);
      seen = true;
      paragraph = undefined;
      return;
    }
    // A comment block (a directive or a note): its lines are neither breaks nor headings.
    if (inComment || /^\s*<!--/.test(text)) {
      inComment = text.indexOf('-->', inComment ? 0 : text.indexOf('<!--') + 4) < 0;
      push(text, false);
      paragraph = undefined;
      return;
    }
    const setext = paragraph && underlines(text) ? /^ {0,3}(=+|-+)[ \t]*$/.exec(text) : null;
    if (setext) {
      const level = setext[1]![0] === '=' ? 1 : 2;
      if (headingDivider.includes(level) && paragraph!.seenBefore) {
        // The paragraph above becomes the heading: it starts the new slide.
        const from = chunks[paragraph!.chunk]!;
        const moved = { lines: from.lines.splice(paragraph!.at), fenced: from.fenced.splice(paragraph!.at), line: paragraph!.line };
        chunks.push(moved);
      }
      push(text, false);
      paragraph = undefined;
      return;
    }
    if (BREAK.test(text)) {
      // Inside an open list item it is the item's rule: no slide break, but a paragraph's end.
      if (lists.length === 0) chunks.push({ lines: [], fenced: [], line: lineNo + 1 });
      else push(text, false);
      seen = true;
      paragraph = undefined;
      return;
    }
    if (itemText !== undefined) {
      while (lists.length > 0 && indent < lists.at(-1)!) lists.pop();
      lists.push(itemText);
    }
    const heading = HEADING.exec(text);
    if (heading && headingDivider.includes(heading[1]!.length) && seen) chunks.push({ lines: [], fenced: [], line: lineNo });
    if (text.trim() === '') paragraph = undefined;
    else if (!heading) {
      // A list item (an ordered one from 1) or a quote interrupts a paragraph and starts its own.
      const interrupts = (itemText !== undefined && !/^ {0,3}(?:0*[02-9]|\d{2,})/.test(text)) || QUOTE.test(text);
      const inside = itemText ?? (QUOTE.test(text) ? '>' : lists.at(-1));
      if (!paragraph || interrupts) paragraph = { chunk: chunks.length - 1, at: chunks.at(-1)!.lines.length, line: lineNo, seenBefore: seen, ...(inside === undefined ? {} : { inside }) };
    }
    else if (heading) paragraph = undefined;
    if (text.trim() !== '') seen = true;
    push(text, false);
  });
  return chunks;
}
/* eslint-enable max-lines-per-function */

/** A slide from its chunk: comments outside code are directives (kept in the Markdown, drawing nothing) or notes (taken out, their lines kept). */
function slideOf(chunk: Chunk, h: number, scoped: Locals, read: Reading, look: MarpLook, fitsCode: boolean): RawSlide {
  // Comments outside code: directives or notes. Fenced lines are masked (same length) while looking.
  const text = chunk.lines.join('\n');
  const masked = chunk.lines.map((l, i) => (chunk.fenced[i] ? ' '.repeat(l.length) : l)).join('\n');
  const lineOfOffset = lineCounter(masked, chunk.line);
  const notes: string[] = [];
  let kept = '';
  let last = 0;
  for (const comment of htmlComments(masked)) {
    const content = comment.content.trim();
    if (/^fit$/i.test(content)) continue; // a fitting heading: read after rendering
    const directives = directivesIn(comment.content);
    if (directives) {
      for (const { key, value, scoped: only } of directives) {
        if (key === 'headingDivider') continue; // read before splitting (dividerInComments)
        if (!isLocal(key)) {
          // Once a key: its line is counted only then, and a deck that repeats it gets one warning.
          if (read.warned.has(key)) continue;
          read.warned.add(key);
          read.diagnostics.push(warning(read.file, lineOfOffset(comment.start), `Marp's global directive "${key}" is read in the front matter only; move it there`));
        } else if (only) scoped[key] = value;
        else if (value.length > MAX_REPEATED_TEXT) read.diagnostics.push(tooLong(key, value, read.file, lineOfOffset(comment.start)));
        else read.inherited = { ...read.inherited, [key]: value };
      }
      // Directives stay in the Markdown (an HTML comment draws nothing): a problem with
      // what one names (a background file) is then reported at its own line.
      continue;
    }
    notes.push(content);
    // Keep the lines where the note was, so that lines below stay right.
    kept += text.slice(last, comment.start) + '\n'.repeat(text.slice(comment.start, comment.end).split('\n').length - 1);
    last = comment.end;
  }
  kept += text.slice(last);
  return { body: kept, notes: notes.join('\n\n'), ...(notes.length > 0 ? { notesHtmlAsText: true } : {}), line: chunk.line, notesLine: 0, h, v: 0, attrs: attrsOf({ ...read.inherited, ...scoped }, look, fitsCode) };
}
