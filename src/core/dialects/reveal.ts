// reveal.js's own Markdown dialect, for decks whose separators were set elsewhere (reveal-md's
// front matter `separator`, `verticalSeparator`, `notesSeparator`, or an HTML loader's
// data-separator attributes, given here with --separator): the plugin's `slidify` exactly.
// The separators are regular expressions matched against the whole text, as reveal.js does,
// so unlike Kamishibai's own dialect they also match inside code fences; notes are what
// follows the notes separator when it occurs exactly once in a slide.
import type { Diagnostic } from '../errors.js';
import type { Dialect, RawSlide } from '../model.js';

export interface RevealSeparators {
  separator: string;
  verticalSeparator?: string;
  notesSeparator: string;
}

/** reveal.js 6's defaults (plugin/markdown): `\r?\n---\r?\n`, no vertical one, `^s*notes?:` (sic). */
export const REVEAL_DEFAULTS: RevealSeparators = { separator: '\\r?\\n---\\r?\\n', notesSeparator: '^s*notes?:' };

export function revealDialect(separators: RevealSeparators): Dialect {
  return { name: 'reveal', split: (body, firstLine) => slidify(body, firstLine, separators) };
}

function slidify(body: string, firstLine: number, seps: RevealSeparators): { slides: RawSlide[]; diagnostics: Diagnostic[] } {
  const any = new RegExp(seps.separator + (seps.verticalSeparator ? `|${seps.verticalSeparator}` : ''), 'mg');
  const horizontal = new RegExp(seps.separator);
  const lineAt = lineCounter(body, firstLine);
  const slides: RawSlide[] = [];
  let last = 0;
  // reveal.js stacks the slide before a vertical separator with the ones after it; counting
  // h and v this way gives the same tree.
  let h = 0;
  let v = 0;
  const push = (end: number) => slides.push(withNotes(body.slice(last, end), lineAt(last), h, v, seps.notesSeparator));
  for (let m = any.exec(body); m; m = any.exec(body)) {
    // A separator that matches nothing would split forever; reveal.js hangs, this moves on.
    if (m[0] === '') {
      any.lastIndex++;
      continue;
    }
    const isHorizontal = horizontal.test(m[0]);
    push(m.index);
    if (isHorizontal) [h, v] = [h + 1, 0];
    else v++;
    last = any.lastIndex;
  }
  push(body.length);
  return { slides, diagnostics: [] };
}

/** reveal.js's notes: what follows the notes separator, when the slide has exactly one. */
function withNotes(chunk: string, line: number, h: number, v: number, notesSeparator: string): RawSlide {
  const parts = chunk.split(new RegExp(notesSeparator, 'mgi'));
  if (parts.length !== 2) return { body: chunk, notes: '', line, notesLine: 0, h, v };
  const notesLine = line + (parts[0]!.match(/\n/g)?.length ?? 0);
  return { body: parts[0]!, notes: parts[1]!.trim(), line, notesLine, h, v };
}

/** File line of an offset into `text`, for offsets asked in increasing order (linear overall). */
function lineCounter(text: string, first: number): (offset: number) => number {
  let at = 0;
  let line = first;
  return (offset) => {
    if (offset < at) {
      at = 0;
      line = first;
    }
    for (; at < offset; at++) if (text.charCodeAt(at) === 10) line++;
    return line;
  };
}
