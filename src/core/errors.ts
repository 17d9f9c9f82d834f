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

/** 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
