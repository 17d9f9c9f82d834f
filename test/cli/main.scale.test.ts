// The CLI on decks at and past the size limit: 10 MB, and decks built to hang or crash a
// Markdown parser (megabytes of nesting and emphasis).
import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliHere } from '../helpers/cli.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'kamishibai-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('bad input: one clear diagnostic per problem', () => {
  it('a 10 MB deck is refused with its size, and nothing is written', async () => {
    mkdirSync(path.join(tmp, 'huge'));
    const deck = path.join(tmp, 'huge', 'huge.md');
    writeFileSync(deck, `# Huge\n\n${'lorem ipsum dolor sit amet '.repeat(400_000)}`);
    const out = path.join(tmp, 'out-huge');
    const r = await runCliHere(['build', deck, '--out', out, '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/huge\.md: error: deck is 10\.3 MB, over the 2 MB limit/);
    expect(existsSync(out)).toBe(false);
    // --large lifts the size limit tenfold, not the parser's: the one 10 MB paragraph is still refused, at its line.
    const large = await runCliHere(['build', deck, '--out', out, '--quiet', '--no-pdf', '--large']);
    expect(large.code).toBe(1);
    expect(large.stderr).not.toMatch(/MB limit/);
    expect(large.stderr).toMatch(/huge\.md:3:1: error: this paragraph is \d+ characters long/);
    expect(existsSync(out)).toBe(false);
  });

  it('decks that would hang or crash the parser fail with their lines and no stack', async () => {
    const decks: Record<string, [string, RegExp]> = {
      emphasis: [`# T\n\n${'*a'.repeat(950_000)}\n`, /emphasis\.md:3:1: error: this paragraph is 1900001 characters long/],
      links: [`# T\n\n${'[a](b) '.repeat(2_000)}\n`, /links\.md:3:1: error: this paragraph has 4000 of/],
      lists: [`# T\n\n${'- '.repeat(50_000)}x\n`, /lists\.md:3:1: error: lists and quotes nested 50000 deep here/],
      quotes: [`# T\n\n${'>'.repeat(50_000)} x\n`, /quotes\.md:3:1: error: lists and quotes nested 50000 deep here/],
      html: [`# T\n\n${'<div>'.repeat(50_000)}x${'</div>'.repeat(50_000)}\n`, /html\.md:1:1: error: this slide's HTML is nested 257\+ elements deep/],
    };
    mkdirSync(path.join(tmp, 'patho'));
    for (const [name, [text, expected]] of Object.entries(decks)) {
      const deck = path.join(tmp, 'patho', `${name}.md`);
      writeFileSync(deck, text);
      const r = await runCliHere(['build', deck, '--out', path.join(tmp, `patho-${name}`), '--no-pdf', '--quiet']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(expected);
      expect(r.stderr).not.toMatch(/\n\s+at |Maximum call stack|Please report this to marked/);
    }
  });
});
