// reveal.js's own Markdown dialect, for decks whose separators were set elsewhere (reveal-md's
// front matter `separator`, `verticalSeparator`, `notesSeparator`, or an HTML loader's
// data-separator attributes, given here with --separator): the plugin's `slidify` exactly.
// The separators are regular expressions matched against the whole text, as reveal.js does
// (in linear time: pattern.ts),
// so unlike Kamishibai's own dialect they also match inside code fences; notes are what
// follows the notes separator when it occurs exactly once in a slide.
import { error, lineCounter, type Diagnostic } from '../errors.js';
import { compileSeparator, matchAll, matches, type Separator } from './pattern.js';
import type { Dialect, RawSlide } from '../model.js';

export interface RevealSeparators {
  separator: string;
  verticalSeparator?: string;
  notesSeparator: string;
}

/** reveal.js 6's defaults (plugin/markdown): `\r?\n---\r?\n`, no vertical one, `^s*notes?:` (sic). */
export const REVEAL_DEFAULTS: RevealSeparators = { separator: '\\r?\\n---\\r?\\n', notesSeparator: '^s*notes?:' };

/** reveal-md's own default vertical separator, used when a deck sets only `separator`. */
const REVEAL_MD_VERTICAL = '\\r?\\n----\\r?\\n';

/** reveal.js's split with a deck's separators; reveal-md's defaults for those it does not set. */
export function revealDialectFor(set: Partial<RevealSeparators>): Dialect {
  return revealDialect({
    separator: set.separator || REVEAL_DEFAULTS.separator,
    verticalSeparator: set.verticalSeparator || REVEAL_MD_VERTICAL,
    notesSeparator: set.notesSeparator || REVEAL_DEFAULTS.notesSeparator,
  });
}

export function revealDialect(separators: RevealSeparators): Dialect {
  return { name: 'reveal', split: (body, firstLine, file) => slidify(body, firstLine, separators, file) };
}

function slidify(body: string, firstLine: number, seps: RevealSeparators, file: string): { slides: RawSlide[]; diagnostics: Diagnostic[] } {
  const compiled = [compileSeparator(seps.separator), seps.verticalSeparator ? compileSeparator(seps.verticalSeparator) : undefined, compileSeparator(seps.separator, ''), compileSeparator(seps.notesSeparator, 'mi')];
  const problem = compiled.find((c) => typeof c === 'string');
  if (problem !== undefined) return { slides: [], diagnostics: [error(file, firstLine, `a separator cannot be used: ${problem}`)] };
  const [sep, vsep, horizontal, notes] = compiled as (Separator | undefined)[];
  const lineAt = lineCounter(body, firstLine);
  const slides: RawSlide[] = [];
  let last = 0;
  // reveal.js stacks the slide before a vertical separator with the ones after it; counting
  // h and v this way gives the same tree.
  let h = 0;
  let v = 0;
  const push = (end: number) => slides.push(withNotes(body.slice(last, end), lineAt(last), h, v, notes!, seps.notesSeparator));
  for (const [start, end] of eitherOf(body, sep!, vsep)) {
    const isHorizontal = matches(horizontal!, body.slice(start, end));
    push(start);
    if (isHorizontal) [h, v] = [h + 1, 0];
    else v++;
    last = end;
  }
  push(body.length);
  return { slides, diagnostics: [] };
}

/**
 * The matches of reveal.js's `separator|verticalSeparator`: the leftmost of either, the first
 * on a tie. Each pattern is searched on its own (a trailing lookahead in either, a group name
 * in both), and the other's next match kept while it lies ahead, so each is searched once a match.
 */
function* eitherOf(body: string, sep: Separator, vsep: Separator | undefined): Generator<[number, number]> {
  const none: [number, number] = [Infinity, Infinity];
  const first = (sep: Separator, at: number) => matchAll(sep, body, at).next().value ?? none;
  let a = first(sep, 0);
  let b = vsep ? first(vsep, 0) : none;
  for (let at = 0; at <= body.length; ) {
    if (a[0] < at) a = first(sep, at);
    if (vsep && b[0] < at) b = first(vsep, at);
    const next = a[0] <= b[0] ? a : b;
    if (next === none) return;
    yield next;
    // An empty match would split forever in reveal.js; the patterns are refused before that.
    at = next[1] > next[0] ? next[1] : next[1] + 1;
  }
}

/** reveal.js's notes: what follows the notes separator, when the slide has exactly one (and it captures nothing). */
function withNotes(chunk: string, line: number, h: number, v: number, notes: Separator, source: string): RawSlide {
  const found = [...take(matchAll(notes, chunk), 2)];
  if (found.length !== 1 || captures(source) > 0) return { body: chunk, notes: '', line, notesLine: 0, h, v };
  const [start, end] = found[0]!;
  const before = chunk.slice(0, start);
  const notesLine = line + (before.match(/\n/g)?.length ?? 0);
  return { body: before, notes: chunk.slice(end).trim(), line, notesLine, h, v };
}

function* take<T>(items: Iterator<T>, n: number): Generator<T> {
  for (let i = 0; i < n; i++) {
    const next = items.next();
    if (next.done) return;
    yield next.value;
  }
}

/** Groups a JavaScript pattern captures: String.split puts them among the parts. */
function captures(source: string): number {
  return new RegExp(`${source}|`).exec('')!.length - 1;
}

