// Diagnostics as data: every stage returns problems instead of throwing, so one build
// reports all of them. Only a fault that stops a whole build is thrown, as KamishibaiError.

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  /** Path as the user wrote or sees it (relative to the working directory when possible). */
  file: string;
  /** 1-based line; 0 when the problem is not tied to a line. */
  line: number;
  /** 1-based column. */
  col: number;
  message: string;
}

export function diagnostic(
  severity: Severity,
  file: string,
  line: number,
  message: string,
  col = 1,
): Diagnostic {
  return { severity, file, line, col, message };
}

export const error = (file: string, line: number, message: string, col = 1): Diagnostic =>
  diagnostic('error', file, line, message, col);

export const warning = (file: string, line: number, message: string, col = 1): Diagnostic =>
  diagnostic('warning', file, line, message, col);

/** What every stage returns: its value, and the problems it found on the way. */
export interface Checked<T> {
  value: T;
  diagnostics: Diagnostic[];
}

/** `path:line:col: severity: message`, the format editors and CI annotate. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line > 0 ? `${d.file}:${d.line}:${d.col}` : d.file;
  return visible(where ? `${where}: ${d.severity}: ${d.message}` : `${d.severity}: ${d.message}`);
}

/** Diagnostics of one kind shown at one line, and in one file, before the rest are counted. */
export const SHOWN_AT_LINE = 5;
export const SHOWN_IN_FILE = 50;

/** A word with a digit in it is a number in a message ("slide 12", "3px"): one word at a time, linear (\w*\d\w* backtracked over a long word). */
const WORD_WITH_DIGIT = (word: string) => (/\d/.test(word) ? '#' : word);

/**
 * The diagnostics to show, in reading order: each kind (its file, severity and message with
 * the quoted names, paths and numbers left out) up to SHOWN_AT_LINE times at one line and
 * SHOWN_IN_FILE times in one file, then one line counting the rest. A page naming 20,000
 * missing pictures is 6 lines, not 20,000; each distinct problem still shows.
 */
export function capFloods(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const kind = (d: Diagnostic) => `${d.file}\0${d.severity}\0${d.message.replace(/"[^"]*"/g, '"').replace(/\([^()]*\)/g, '()').replace(/\w+/g, WORD_WITH_DIGIT)}`;
  const atLine = capped(inReadingOrder(diagnostics), (d) => `${d.line}\0${kind(d)}`, SHOWN_AT_LINE);
  return capped(atLine, (d) => (COUNTED in d ? undefined : kind(d)), SHOWN_IN_FILE);
}

/**
 * Each file's diagnostics together, files as they first come, each by line (those of no line
 * first), as a compiler lists them; those of no file (the project's) last. A build finds a
 * deck's problems in stages (its settings, its slides, then Chromium's measures), which
 * otherwise came out as lines 19, 12, 8.
 */
export function inReadingOrder(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const files = new Map<string, number>();
  for (const d of diagnostics) if (d.file && !files.has(d.file)) files.set(d.file, files.size);
  const rank = (d: Diagnostic) => (d.file ? files.get(d.file)! : files.size);
  // Array.prototype.sort is stable: one line's diagnostics keep the order they were found in.
  return [...diagnostics].sort((a, b) => rank(a) - rank(b) || (a.file ? a.line - b.line : 0));
}

const COUNTED = Symbol('counted');

/** `list` with each key's diagnostics after the first `limit` replaced by one that counts them (a key of undefined: always kept). */
function capped(list: readonly Diagnostic[], keyOf: (d: Diagnostic) => string | undefined, limit: number): Diagnostic[] {
  const counts = new Map<string, number>();
  for (const d of list) {
    const k = keyOf(d);
    if (k !== undefined) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const seen = new Map<string, number>();
  const shown: Diagnostic[] = [];
  for (const d of list) {
    const k = keyOf(d);
    const n = k === undefined ? 0 : (seen.get(k) ?? 0) + 1;
    if (k !== undefined) seen.set(k, n);
    const total = k === undefined ? 0 : counts.get(k)!;
    // One more than the limit is shown, not counted: "and 1 more" would take its line anyway.
    if (n <= limit || total === limit + 1) shown.push(d);
    if (n === limit && total > limit + 1) {
      const more = `... and ${(total - limit).toLocaleString('en-US')} more like this (${total.toLocaleString('en-US')} in all)`;
      shown.push({ ...d, line: 0, col: 1, message: more, [COUNTED]: true } as Diagnostic);
    }
  }
  return shown;
}

/**
 * Deck text quoted in a message, made harmless on a terminal: control characters (ESC starts
 * sequences that clear the screen, rewrite lines or write the clipboard; CR and LF fake lines),
 * C1 controls and bidirectional overrides are shown as `\u001b`, never sent raw.
 */
export function visible(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this finds
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function hasErrors(diagnostics: readonly Diagnostic[], strict = false): boolean {
  return diagnostics.some((d) => d.severity === 'error' || (strict && d.severity === 'warning'));
}

/** A fault that ends a build (no browser, unwritable output). Carries a cause for --debug. */
export class KamishibaiError extends Error {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'KamishibaiError';
  }
}

/** CSS that esbuild refused, as file:line problems (never quoting the offending line). */
export class StyleError extends Error {
  constructor(readonly problems: { file: string; line: number; col: number; message: string }[]) {
    super(problems.map((p) => p.message).join('; '));
    this.name = 'StyleError';
  }
}

/**
 * The one line counter: the file line of an offset into `text` (characters, or a file's bytes),
 * `first` being the line it starts on. Offsets asked in increasing order cost one pass in all.
 */
export function lineCounter(text: string | Uint8Array, first = 1): (offset: number) => number {
  const newlineAt = typeof text === 'string' ? (i: number) => text.charCodeAt(i) === 10 : (i: number) => text[i] === 10;
  let at = 0;
  let line = first;
  return (offset) => {
    if (offset < at) {
      at = 0;
      line = first;
    }
    for (; at < offset && at < text.length; at++) if (newlineAt(at)) line++;
    return line;
  };
}

/** 1-based line of a character offset. */
export const lineAt = (text: string, offset: number): number => lineCounter(text)(offset);
