// Decode a deck's bytes into text, refusing what is not a Markdown deck: empty, binary,
// not UTF-8, or too large to be a talk. Pure: the caller reads the file.
import { error, lineCounter, type Diagnostic } from './errors.js';
import { DECK_LIMITS, largerHint, type DeckLimits } from './deck-size.js';

export type Decoded = { text: string; diagnostics: [] } | { text: undefined; diagnostics: Diagnostic[] };

export function decodeSource(bytes: Uint8Array, file: string, limits: DeckLimits = DECK_LIMITS): Decoded {
  const fail = (line: number, message: string): Decoded => ({
    text: undefined,
    diagnostics: [error(file, line, message)],
  });
  if (bytes.length > limits.bytes) {
    const mb = (bytes.length / 1024 / 1024).toFixed(1);
    return fail(0, `deck is ${mb} MB, over the ${limits.bytes / 1024 / 1024} MB limit; split the talk into several decks or move data out of the Markdown${largerHint(limits, { bytes: bytes.length })}`);
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    return fail(lineCounter(bytes)(nul), 'this looks like a binary file (it contains NUL bytes), not Markdown; name a .md file');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    return fail(lineCounter(bytes)(at), `invalid UTF-8 at byte ${at}; save the file as UTF-8 (e.g. iconv -f SHIFT_JIS -t UTF-8)`);
  }
  text = normalizeText(text);
  if (text.trim() === '') return fail(1, 'deck is empty; add front matter and at least one slide (see README "Slide language")');
  return { text, diagnostics: [] };
}

/**
 * Strip a BOM and turn CRLF/CR into LF, so every later stage sees one kind of line; compose
 * decomposed letters (NFC: "o" + U+0302 is "ô", as macOS file names and text copied from some
 * PDFs give them), so that they are drawn, searched and checked against the fonts as typed ones.
 */
export function normalizeText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').normalize('NFC');
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return 0;
}
