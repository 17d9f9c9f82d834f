// The Marp dialect's own rules, beyond what the differential test compares.
import { describe, expect, it } from 'vitest';
import { marpDialect } from '../../../src/core/dialects/marp.js';
import { marpSettings } from '../../../src/core/dialects/marp-settings.js';

describe('the Marp dialect', () => {
  it('warns once for a global directive written in comments, at its first line', () => {
    const body = '# A\n\n<!-- theme: gaia -->\n\n---\n\n<!-- theme: gaia -->\n<!-- size: 4:3 -->\n';
    const { diagnostics } = marpDialect().split(body, 5, 'd.md');
    expect(diagnostics.map((d) => `${d.line}: ${d.message.split(';')[0]}`)).toEqual([
      '7: Marp\'s global directive "theme" is read in the front matter only',
      '12: Marp\'s global directive "size" is read in the front matter only',
    ]);
  });

  it('trust-b 13: an inherited header or footer too long to repeat on every slide is an error at its line', () => {
    const long = 'x'.repeat(600);
    const { slides, diagnostics } = marpDialect().split(`# A\n\n<!-- footer: ${long} -->\n\n---\n\n# B\n\n<!-- _footer: ${long} -->\n`, 5, 'd.md');
    expect(diagnostics.map((d) => [d.line, d.severity, d.message.split(';')[0]])).toEqual([[7, 'error', '"footer" is 600 characters long']]);
    expect(slides[1]!.attrs!['data-footer']).toBe(long);
    expect(marpSettings({ header: long }, 'd.md', { header: 2 }).diagnostics.map((d) => d.line)).toEqual([2]);
  });

  it("incide-es p17: a backgroundImage from the network leaves the theme's background (the build warns of it); a local one is drawn in its place", () => {
    const body = '<!-- _class: lead -->\n<!-- _backgroundImage: url(https://cdn.example/x.jpg) -->\n\n# Remote\n\n---\n\n<!-- _backgroundImage: url(images/x.jpg) -->\n\n# Local\n';
    const { slides } = marpDialect().split(body, 1, 'd.md');
    expect(slides.map((s) => [s.attrs!['data-background-image'], s.attrs!.style])).toEqual([
      ['https://cdn.example/x.jpg', undefined],
      ['images/x.jpg', 'background:none'],
    ]);
  });
});
