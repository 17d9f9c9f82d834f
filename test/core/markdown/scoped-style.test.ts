import { describe, expect, it } from 'vitest';
import { scopeCss } from '../../../src/core/markdown/scoped-style.js';
import { readDirectives } from '../../../src/core/markdown/directives.js';

const S = 'section[data-style-scope="3"]';

describe('a slide-scoped <style>, as Marpit scopes it', () => {
  it('puts each selector under the slide, in its content box; `section` (and :root) name the slide itself', () => {
    expect(scopeCss('h1, .small p { color: red } section.lead { padding: 0 } section > p {} :root { --x: 1 }', S)).toBe(
      `${S} > .slide-body h1, ${S} > .slide-body .small p { color: red } ${S}.lead { padding: 0 } ${S} > .slide-body > p {} ${S} { --x: 1 }`,
    );
  });

  it("teaching-fr p102: `section *:nth-child(1)` is the slide's first element, not the box that holds its content; the header, footer and ::after stay the slide's", () => {
    expect(scopeCss('section *:nth-child(1) {} section.grille > * {} section:not(.a) h1 {} section header {} footer {} section::after {} section + section {}', S)).toBe(
      `${S} > .slide-body *:nth-child(1) {} ${S}.grille > .slide-body > * {} ${S}:not(.a) > .slide-body h1 {} ${S} header {} ${S} footer {} ${S}::after {} ${S} + section {}`,
    );
  });

  it('scopes rules inside @media, and leaves keyframe steps and a class named section-x alone', () => {
    expect(scopeCss('@media print { h2 { color: red } } @keyframes k { from { opacity: 0 } } section-x { }', S)).toBe(
      `@media print { ${S} > .slide-body h2 { color: red } } @keyframes k { from { opacity: 0 } } ${S} > .slide-body section-x { }`,
    );
  });

  it('reads broken CSS as a browser does: an unclosed block is closed', () => {
    expect(scopeCss('h1 { color: red', S)).toBe(`${S} > .slide-body h1 { color: red}`);
  });
});

describe('readDirectives with slide styles', () => {
  const html = '<style scoped>h1 { color: red }</style><style>p { color: blue }</style><h1>x</h1>';

  it('scopes <style scoped> to the slide and marks the section; a plain <style> stays global', () => {
    const d = readDirectives(html, { fragments: false, index: 3 });
    expect(d.attrs['data-style-scope']).toBe('3');
    expect(d.styles).toContain(`<style>.reveal .slides ${S} > .slide-body h1 { color: red }</style>`);
    expect(d.styles).toContain('<style>p { color: blue }</style>');
    // Taken out of the content, as Marpit takes them: `*:nth-child(1)` is the heading.
    expect(d.html).toBe('<h1>x</h1>');
  });

  it('scopes every <style> when the dialect says so (Slidev)', () => {
    const d = readDirectives(html, { fragments: false, index: 3, ownStyles: 'all' });
    expect(d.styles).toContain(`<style>.reveal .slides ${S} > .slide-body p { color: blue }</style>`);
  });

  it('a slide without a style is not marked', () => {
    expect(readDirectives('<h1>x</h1>', { fragments: false, index: 1 }).attrs['data-style-scope']).toBeUndefined();
  });
});
