// A deck's separator patterns (JavaScript regular expressions, as reveal.js takes them) run on
// RE2JS, whose matching takes time linear in the text: a pattern like "(a|a)*$" that would
// keep V8's backtracking engine (and the process, deaf to Ctrl-C) busy for hours costs
// nothing. The JavaScript syntax RE2 lacks is refused by name, except a trailing lookahead
// ("\n(?=# )", common in reveal.js decks), which is matched as a group and cut off.
import { RE2JS } from 're2js';

export interface Separator {
  re: RE2JS;
  /** Group whose start ends the match: the trailing lookahead, when there is one. */
  cut?: number;
}

/** JavaScript's \s, which RE2's (ASCII only) is not. */
const SPACE = '\\t\\n\\x{b}\\f\\r \\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}';
const NOT_SPACE = '\\x{0}-\\x{8}\\x{e}-\\x{1f}!-\\x{9f}\\x{a1}-\\x{167f}\\x{1681}-\\x{1fff}\\x{200b}-\\x{2027}\\x{202a}-\\x{202e}\\x{2030}-\\x{205e}\\x{2060}-\\x{2fff}\\x{3001}-\\x{fefe}\\x{ff00}-\\x{10ffff}';

const UNSUPPORTED: [RegExp, string][] = [
  [/\(\?<[=!]/, 'lookbehind ((?<= or (?<!)'],
  [/\(\?[=!]/, 'lookahead ((?= or (?!) other than one (?=...) at the very end'],
  [/\\[1-9]|\\k</, 'backreferences (\\1, \\k<name>)'],
];

/** The pattern compiled for linear-time matching, or why it cannot be. */
export function compileSeparator(source: string, flags: 'm' | 'mi' | '' = 'm'): Separator | string {
  try {
    new RegExp(source, 'mg');
  } catch (e) {
    return (e as Error).message;
  }
  const trailing = /\(\?=((?:[^()\\]|\\.)*)\)$/.exec(source);
  const head = trailing && !hasTopLevelBar(source.slice(0, trailing.index)) ? source.slice(0, trailing.index) : source;
  for (const [re, what] of UNSUPPORTED) if (re.test(head)) return `it uses ${what}, which Kamishibai's linear-time matcher does not support; write it without`;
  try {
    const body = head === source ? toRe2(source) : `${toRe2(head)}(${toRe2(trailing![1]!)})`;
    const re = RE2JS.compile(flags ? `(?${flags})${body}` : body);
    const sep = head === source ? { re } : { re, cut: re.groupCount() };
    if (matchesEmpty(sep) || emptyWithoutAssertions(head)) return 'it can match empty text, on which reveal.js would split forever; make it match at least one character';
    if (repeatsEmpty(head, flags)) return 'it repeats a group that can match empty text, or makes one optional (such as "(^|\\n)*" or "(^|a)?"), which JavaScript and the linear-time matcher read differently; make each repeated or optional group match at least one character';
    return sep;
  } catch (e) {
    return (e as Error).message;
  }
}

function hasTopLevelBar(source: string): boolean {
  let depth = 0;
  for (const [c] of syntax(source)) {
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

/** The pattern's characters outside escapes and character classes, with their places. */
function* syntax(source: string): Generator<[string, number]> {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else yield [c, i];
  }
}

/** JavaScript's pattern in RE2's syntax: \s, \S and . as JavaScript means them; group names dropped. */
function toRe2(source: string): string {
  const translated = RE2JS.translateRegExp(source).replace(/\(\?P<[^>]*>/g, '(');
  let out = '';
  let inClass = false;
  for (let i = 0; i < translated.length; i++) {
    const c = translated[i]!;
    if (c === '\\') {
      const next = translated[++i] ?? '';
      if (next === 's') out += inClass ? SPACE : `[${SPACE}]`;
      else if (next === 'S') out += inClass ? NOT_SPACE : `[${NOT_SPACE}]`;
      else out += c + next;
    } else if (inClass) {
      out += c;
      inClass = c !== ']' || out.endsWith('[]') || out.endsWith('[^]');
    } else if (c === '[') {
      out += c;
      inClass = true;
    } else out += c === '.' ? '[^\\n\\r\\x{2028}\\x{2029}]' : c;
  }
  return out;
}

/**
 * Whether a group that is optional or repeated (?, *, +, {n,m}) can match empty text.
 * JavaScript refuses an empty pass of a group it could skip, and tries the group's other
 * branches or goes on without it; RE2 may take the empty pass. So the two can end a match in
 * different places ("(^|a)?." on "ab": "ab" in JavaScript, "a" in RE2): such a pattern is
 * refused rather than split unlike reveal.js.
 */
function repeatsEmpty(source: string, flags: string): boolean {
  const starts: number[] = [];
  for (const [c, i] of syntax(source)) {
    if (c === '(') starts.push(i);
    if (c !== ')' || starts.length === 0) continue;
    const start = starts.pop()!;
    const after = source.slice(i + 1);
    // {0}, {1}, {0,0} and {1,1} run the group a fixed number of times, at most once: read alike.
    if (!/^(?:[*+?]|\{\d+(?:,\d*)?\})/.test(after) || /^\{([01])(?:,\1)?\}/.test(after)) continue;
    const body = source.slice(start + 1, i).replace(/^\?(?::|<[A-Za-z_$][\w$]*>)/, '');
    if (/^\?[=!<]/.test(body)) continue;
    try {
      if (matchesEmpty({ re: RE2JS.compile(flags ? `(?${flags})(?:${toRe2(body)})` : `(?:${toRe2(body)})`) })) return true;
    } catch {
      // a body that does not compile alone (a lookahead in it) is judged as part of the whole
    }
  }
  return false;
}

/**
 * Whether the pattern, its anchors and word boundaries taken away, matches empty text: then
 * some text (the right character after it) lets it match empty, as "(a)*(?=b)" does before a
 * "b". Found by fast-check, where reveal.js's own loop ran out of memory on it.
 */
function emptyWithoutAssertions(source: string): boolean {
  let stripped = '';
  let from = 0;
  for (const [c, i] of syntax(source)) {
    if (c !== '^' && c !== '$') continue;
    stripped += source.slice(from, i);
    from = i + 1;
  }
  stripped = (stripped + source.slice(from)).replace(/(?<!\\)((?:\\\\)*)\\[bB]/g, '$1');
  try {
    return RE2JS.compile(`^(?:${toRe2(stripped)})$`).matches('');
  } catch {
    return false;
  }
}

function matchesEmpty(sep: Separator): boolean {
  return ['', '\n', 'a', ' ', '-', '\na\n', '# a', '\n\n'].some((probe) => {
    for (const [start, end] of matchAll(sep, probe)) if (start === end) return true;
    return false;
  });
}

/**
 * Every match of `sep` in `text` after `from`, as [start, end]. Searches a window twice as
 * long as the match it accepts, doubling it until a match ends in its first half (or it
 * reaches the end): each step costs what it moves past, so the whole text costs linear time
 * even for a pattern whose preferred branch would scan to the end of the text at each match.
 * The price: a branch that would match more than 128 characters can lose to a later branch
 * that matches less ("a[\s\S]*b|a" before a far "b"), where JavaScript takes the longer one.
 */
export function* matchAll(sep: Separator, text: string, from = 0): Generator<[number, number]> {
  let at = from;
  while (at <= text.length) {
    const found = findFrom(sep, text, at);
    if (!found) return;
    yield found;
    at = found[1] > found[0] ? found[1] : found[1] + 1;
  }
}

function findFrom(sep: Separator, text: string, at: number): [number, number] | undefined {
  const context = at > 0 ? 1 : 0;
  for (let width = 256; ; width *= 2) {
    const end = Math.min(text.length, at + width);
    const m = sep.re.matcher(text.slice(at - context, end));
    const whole = end === text.length;
    if (!m.find(context)) {
      if (whole) return undefined;
      continue;
    }
    if (whole || at - context + m.end() < at + width / 2) {
      const start = at - context + m.start();
      const stop = at - context + (sep.cut !== undefined ? m.start(sep.cut) : m.end());
      return [start, stop];
    }
  }
}

/** Whether `sep` matches somewhere in the short `text`. */
export function matches(sep: Separator, text: string): boolean {
  return sep.re.matcher(text).find();
}
