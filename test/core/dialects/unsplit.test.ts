// A deck that collapsed into one slide says which separator setting would split it.
import { describe, expect, it } from 'vitest';
import { unsplitWarning } from '../../../src/core/dialects/unsplit.js';
import { splitSlides } from '../../../src/core/markdown/split.js';

const check = (body: string) => unsplitWarning(body, 3, splitSlides(body, 3, 'd.md').slides, 'd.md');

describe('a deck that looks unsplit', () => {
  it('names the line and the setting for reveal-md comment separators and long dash lines', () => {
    expect(check('# A\n\n<!--s-->\n\n## B\n')).toEqual([expect.objectContaining({ severity: 'warning', line: 5, message: expect.stringContaining('set separator: "<!--s-->"') })]);
    expect(check('# A\n\n----------\n\n## B\n')[0]!.message).toContain('set separator: "^----------$"');
  });

  it('names runs of blank lines in a long one-slide deck', () => {
    const body = `# A\n${'\ntext\n'.repeat(12)}\n\n\n\n## B\n`;
    expect(check(body)[0]!.message).toContain('set separator: "^\\\\n\\\\n\\\\n"');
  });

  it('says nothing for a deck that is split, or for separators inside code', () => {
    expect(check('# A\n---\n## B\n---\n## C\n<!--s-->\n')).toEqual([]);
    expect(check('# A\n\n```\n<!--s-->\n```\n')).toEqual([]);
  });
});
