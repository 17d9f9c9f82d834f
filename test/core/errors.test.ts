// Diagnostics as printed: deck text in a message never reaches a terminal as control characters.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, visible } from '../../src/core/errors.js';
import { runCli } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/fixtures.js';

describe('visible', () => {
  it('shows control characters, C1 controls and bidi overrides as escapes', () => {
    expect(visible('a\x1b[2Jb\x07c\r\n\x9b\u202ed')).toBe('a\\u001b[2Jb\\u0007c\\u000d\\u000a\\u009b\\u202ed');
    expect(visible('日本語 ô naïve')).toBe('日本語 ô naïve');
  });
  it('applies to every formatted diagnostic', () => {
    expect(formatDiagnostic({ severity: 'error', file: 'a.md', line: 2, col: 1, message: 'unknown "\x1b]52;c;ZWNobyBwd25lZA==\x07"' })).toBe('a.md:2:1: error: unknown "\\u001b]52;c;ZWNobyBwd25lZA==\\u0007"');
  });
});

describe('the CLI on a deck with terminal escapes', () => {
  for (const name of ['talk-key', 'talk-theme']) {
    it(`trust-b 12: prints no control character from the deck (${name})`, () => {
      const out = mkdtempSync(path.join(tmpdir(), 'kamishibai-terminal-'));
      const r = runCli(['build', path.join(FIXTURES, 'terminal', name), '--no-pdf', '--out', out]);
      rmSync(out, { recursive: true, force: true });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('\\u001b');
      // eslint-disable-next-line no-control-regex -- the test looks for control characters
      expect(r.stderr).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
    });
  }
});
