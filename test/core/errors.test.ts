// Diagnostics as printed: deck text in a message never reaches a terminal as control characters.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { capFloods, error, formatDiagnostic, inReadingOrder, visible, warning } from '../../src/core/errors.js';
import { runCliHere } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/fixtures.js';

describe('visible', () => {
  it('shows control characters, C1 controls and bidi overrides as escapes', async () => {
    expect(visible('a\x1b[2Jb\x07c\r\n\x9b\u202ed')).toBe('a\\u001b[2Jb\\u0007c\\u000d\\u000a\\u009b\\u202ed');
    expect(visible('日本語 ô naïve')).toBe('日本語 ô naïve');
  });
  it('applies to every formatted diagnostic', async () => {
    expect(formatDiagnostic({ severity: 'error', file: 'a.md', line: 2, col: 1, message: 'unknown "\x1b]52;c;ZWNobyBwd25lZA==\x07"' })).toBe('a.md:2:1: error: unknown "\\u001b]52;c;ZWNobyBwd25lZA==\\u0007"');
  });
});

describe('the CLI on a deck with terminal escapes', () => {
  for (const name of ['talk-key', 'talk-theme']) {
    it(`trust-b 12: prints no control character from the deck (${name})`, async () => {
      const out = mkdtempSync(path.join(tmpdir(), 'kamishibai-terminal-'));
      const r = await runCliHere(['build', path.join(FIXTURES, 'terminal', name), '--no-pdf', '--out', out]);
      rmSync(out, { recursive: true, force: true });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('\\u001b');
      // eslint-disable-next-line no-control-regex -- the test looks for control characters
      expect(r.stderr).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
    });
  }
});

describe('capFloods', () => {
  const missing = (i: number, line = 3) => error('a.md', line, `"page.html" links a file, "m${i}.png" not found (looked for talk/m${i}.png); check the path`);
  it('trust-b 18: one cause repeated at one line shows 5 times, then counts the rest', async () => {
    const shown = capFloods([error('a.md', 1, 'deck has no title'), ...Array.from({ length: 4817 }, (_, i) => missing(i)), warning('a.md', 9, 'slow')]);
    expect(shown.map(formatDiagnostic)).toEqual([
      'a.md:1:1: error: deck has no title',
      ...[0, 1, 2, 3, 4].map((i) => `a.md:3:1: error: "page.html" links a file, "m${i}.png" not found (looked for talk/m${i}.png); check the path`),
      'a.md: error: ... and 4,812 more like this (4,817 in all)',
      'a.md:9:1: warning: slow',
    ]);
  });
  it('shows every distinct problem, one over the limit in full, and counts per file', async () => {
    const six = Array.from({ length: 6 }, (_, i) => missing(i));
    expect(capFloods(six)).toEqual(six);
    expect(capFloods([...six, error('b.md', 3, six[0]!.message)])).toHaveLength(7);
    // The same kind on many lines: each line shown up to 50, then counted.
    const spread = capFloods(Array.from({ length: 300 }, (_, i) => missing(i, i + 1)));
    expect(spread).toHaveLength(51);
    expect(spread[50]!.message).toBe('... and 250 more like this (300 in all)');
  });
});

describe('inReadingOrder', () => {
  it("lists each file's problems by line, files as they first came, the project's last; one line's in the order found", () => {
    const found = [warning('b.md', 19, 'late'), warning('', 0, 'project'), error('b.md', 12, 'mid'), warning('a.md', 4, 'other file'), error('b.md', 8, 'early'), warning('b.md', 0, 'settings'), warning('b.md', 8, 'early, second')];
    expect(inReadingOrder(found).map(formatDiagnostic)).toEqual([
      'b.md: warning: settings',
      'b.md:8:1: error: early',
      'b.md:8:1: warning: early, second',
      'b.md:12:1: error: mid',
      'b.md:19:1: warning: late',
      'a.md:4:1: warning: other file',
      'warning: project',
    ]);
  });

  it('capFloods shows in reading order, the count after what it counts', () => {
    const shown = capFloods([warning('a.md', 9, 'slow'), ...Array.from({ length: 8 }, () => error('a.md', 3, 'x not found'))]);
    expect(shown.map((d) => `${d.line} ${d.message}`)).toEqual([...Array(5).fill('3 x not found'), '0 ... and 3 more like this (8 in all)', '9 slow']);
  });
});

describe('trust-b 18 (variant): a page message of 200,000 letters', () => {
  it('is grouped in one pass: the kind of a message is found without backtracking over its words or brackets', () => {
    const long = [
      { file: 'd.md', line: 1, col: 1, severity: 'warning' as const, message: `page logged an error: ${'y'.repeat(2_000_000)}` },
      { file: 'd.md', line: 1, col: 1, severity: 'warning' as const, message: `page logged an error: ${'('.repeat(1_000_000)}` },
    ];
    // Quadratic, these took minutes (92 s at 200,000 letters) and ignored SIGTERM meanwhile.
    expect(capFloods(long)).toHaveLength(2);
  });
});
