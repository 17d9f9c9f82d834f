import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../../src/core/markdown/frontmatter.js';

describe('parseFrontMatter', () => {
  it('names keys like constructor and toString as unknown keys, not as errors of their own', async () => {
    const fm = await parseFrontMatter('---\nconstructor: 1\ntoString: x\n__proto__: 2\n---\n', 'd.md');
    expect(fm.diagnostics.map((d) => `${d.line}: ${d.message.split(';')[0]}`)).toEqual([
      '2: unknown front-matter key "constructor"',
      '3: unknown front-matter key "toString"',
      '4: unknown front-matter key "__proto__"',
    ]);
  });

  it('refuses a YAML alias bomb with one message at the front matter', async () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(', ')}]`)];
    const fm = await parseFrontMatter(['---', ...lines, '---', '# x'].join('\n'), 'd.md');
    expect(fm.diagnostics).toHaveLength(1);
    expect(fm.diagnostics[0]!.message).toMatch(/expands YAML aliases \(\*name\) more than 100 times/);
  });

  it('one YAML slip is one error', async () => {
    const fm = await parseFrontMatter('---\ntitle: "unclosed\nparts: [a, b\n---\n', 'd.md');
    expect(fm.diagnostics).toHaveLength(1);
  });

  it('reads known keys and gives the body with its first line', async () => {
    const fm = await parseFrontMatter('---\ntitle: Talk\nlang: ja\nslideNumber: false\n---\n# A\n', 'd.md');
    expect(fm.values).toEqual({ title: 'Talk', lang: 'ja', slideNumber: false });
    expect(fm.body).toBe('# A\n');
    expect(fm.bodyLine).toBe(6);
    expect(fm.diagnostics).toEqual([]);
  });

  it('has no front matter unless the deck starts with ---', async () => {
    const fm = await parseFrontMatter('# A\n---\ntitle: x\n---\n', 'd.md');
    expect(fm.values).toEqual({});
    expect(fm.bodyLine).toBe(1);
  });

  it('names the line and suggests the nearest key for an unknown one', async () => {
    const fm = await parseFrontMatter('---\ntitle: T\ntitel: T\nthem: dark\n---\n', 'd.md');
    expect(fm.diagnostics.map((d) => [d.line, d.col, d.message])).toEqual([
      [3, 1, 'unknown front-matter key "titel"; did you mean "title"?'],
      [4, 1, 'unknown front-matter key "them"; did you mean "theme"?'],
    ]);
  });

  it('reports a wrong type and a value outside an enumeration', async () => {
    const fm = await parseFrontMatter('---\nfragments: yes please\naspectRatio: 16:10x\n---\n', 'd.md');
    expect(fm.diagnostics.map((d) => d.line)).toEqual([2, 3]);
    expect(fm.diagnostics[0]!.message).toBe('"fragments" must be true or false, got "yes please"');
    expect(fm.diagnostics[1]!.message).toMatch(/"aspectRatio" must be one of "16:9", "4:3", "16:10", got "16:10x"; did you mean "16:10"\?/);
  });

  it('accepts a number where text is wanted (a year as a date)', async () => {
    expect((await parseFrontMatter('---\ndate: 2026\n---\n', 'd.md')).values).toEqual({ date: '2026' });
  });

  it('reports invalid YAML at its line in the file', async () => {
    const fm = await parseFrontMatter('---\ntitle: ok\nauthor: [unclosed\n---\n# A', 'd.md');
    expect(fm.diagnostics).toHaveLength(1);
    expect(fm.diagnostics[0]!.line).toBeGreaterThanOrEqual(3);
    expect(fm.diagnostics[0]!.message).toMatch(/^invalid YAML in front matter/);
  });

  it('reports front matter that is never closed', async () => {
    const fm = await parseFrontMatter('---\ntitle: x\n# A\n', 'd.md');
    expect(fm.diagnostics[0]).toMatchObject({ line: 1, message: expect.stringMatching(/never closed/) });
  });
});
