import { describe, expect, it } from 'vitest';
import { decodeSource } from '../../src/core/source.js';
import { LARGE_DECK_LIMITS, MAX_DECK_BYTES } from '../../src/core/deck-size.js';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('decodeSource', () => {
  it('strips a BOM and normalises CRLF', () => {
    expect(decodeSource(bytes('\uFEFF# A\r\n---\r\n# B'), 'd.md').text).toBe('# A\n---\n# B');
  });

  it('trust-b 11: composes decomposed text (NFC), so accents need no combining marks in the fonts', () => {
    expect(decodeSource(bytes('Ho\u0302tel, か\u3099'), 'd.md').text).toBe('Hôtel, が');
  });

  it('refuses an empty deck', () => {
    const r = decodeSource(bytes('  \n\n'), 'd.md');
    expect(r.diagnostics[0]).toMatchObject({ file: 'd.md', line: 1, message: expect.stringMatching(/empty/) });
  });

  it('refuses invalid UTF-8 and names its line', () => {
    const r = decodeSource(new Uint8Array([...bytes('# A\n\nok\n'), 0x82, 0xa0, 0x0a]), 'd.md');
    expect(r.diagnostics[0]).toMatchObject({ line: 4, message: expect.stringMatching(/invalid UTF-8.*UTF-8/) });
  });

  it('refuses a binary file', () => {
    const r = decodeSource(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), 'd.md');
    expect(r.diagnostics[0]!.message).toMatch(/binary/);
  });

  it('refuses a deck over the size limit', () => {
    const r = decodeSource(new Uint8Array(MAX_DECK_BYTES + 1).fill(0x61), 'd.md');
    expect(r.diagnostics[0]!.message).toMatch(/over the 2 MB limit; split the talk into several decks or move data out of the Markdown \(or, for a deck you trust, build it with --large, which allows 20 MB\)$/);
    expect(decodeSource(new Uint8Array(MAX_DECK_BYTES + 1).fill(0x61), 'd.md', LARGE_DECK_LIMITS).diagnostics).toEqual([]);
  });
});
