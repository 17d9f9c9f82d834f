// Code fences, found the one way CommonMark finds them: every scanner of deck lines (the
// splitters, the limits, the diagrams' lines) asks this one whether a line is code.

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const ANY_FENCE = /^ {0,3}(`{3,}|~{3,})/m;

/** A fence being read: its character and length (what closes it), and its info string (```mermaid {x}: "mermaid {x}"). */
export interface OpenFence {
  char: string;
  length: number;
  info: string;
}

/** Whether any line of `text` could open a fence (to load a highlighter only for a deck with code). */
export const hasFence = (text: string): boolean => ANY_FENCE.test(text);

/** An info string that makes a fence a Mermaid diagram (as render.ts draws it): ```mermaid-animation is another plugin's code. */
export const isMermaid = (info: string): boolean => /^mermaid(?![\w-])/.test(info);

/**
 * Feed it lines in order: true for a line that opens, is inside or closes a CommonMark code
 * fence (up to 3 spaces, 3+ backticks or tildes, closed by the same character at least as
 * long). `open` is the fence still open after the last line, with its info string.
 */
export function fenceTracker(): ((line: string) => boolean) & { open?: OpenFence } {
  const track = (text: string): boolean => {
    const m = FENCE.exec(text);
    if (track.open) {
      if (m && m[1]![0] === track.open.char && m[1]!.length >= track.open.length && m[2]!.trim() === '') track.open = undefined;
      return true;
    }
    // A backtick fence's info string may not contain backticks (CommonMark 4.5).
    if (m && !(m[1]![0] === '`' && m[2]!.includes('`'))) {
      track.open = { char: m[1]![0]!, length: m[1]!.length, info: m[2]!.trim() };
      return true;
    }
    return false;
  };
  track.open = undefined as OpenFence | undefined;
  return track;
}

/**
 * Whether a fence opened on line `i` is closed by a later line: the longest bare fence of
 * each character after each line, counted once from the end (linear, however many fences).
 */
export function fenceCloser(lines: string[]): (i: number, open: { char: string; length: number }) => boolean {
  const longest = { '`': new Uint32Array(lines.length + 1), '~': new Uint32Array(lines.length + 1) };
  for (let i = lines.length - 1; i >= 0; i--) {
    longest['`'][i] = longest['`'][i + 1]!;
    longest['~'][i] = longest['~'][i + 1]!;
    const m = FENCE.exec(lines[i]!);
    if (m && m[2]!.trim() === '') {
      const c = m[1]![0] as '`' | '~';
      longest[c][i] = Math.max(longest[c][i]!, m[1]!.length);
    }
  }
  return (i, open) => longest[open.char as '`' | '~'][i + 1]! >= open.length;
}
