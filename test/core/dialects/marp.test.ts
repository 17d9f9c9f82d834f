// The Marp dialect's own rules, beyond what the differential test compares.
import { describe, expect, it } from 'vitest';
import { marpDialect } from '../../../src/core/dialects/marp.js';

describe('the Marp dialect', () => {
  it('warns once for a global directive written in comments, at its first line', () => {
    const body = '# A\n\n<!-- theme: gaia -->\n\n---\n\n<!-- theme: gaia -->\n<!-- size: 4:3 -->\n';
    const { diagnostics } = marpDialect().split(body, 5, 'd.md');
    expect(diagnostics.map((d) => `${d.line}: ${d.message.split(';')[0]}`)).toEqual([
      '7: Marp\'s global directive "theme" is read in the front matter only',
      '12: Marp\'s global directive "size" is read in the front matter only',
    ]);
  });
});
