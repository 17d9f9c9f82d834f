import { describe, expect, it } from 'vitest';
import { scopeCss } from '../../../src/core/markdown/scoped-style.js';
import { readDirectives } from '../../../src/core/markdown/directives.js';

const S = 'section[data-style-scope="3"]';

describe('a slide-scoped <style>, as Marpit scopes it', () => {
  it('puts each selector under the slide; `section` (and :root) name the slide itself', () => {
    expect(scopeCss('h1, .small p { color: red } section.lead { padding: 0 } section > p {} :root { --x: 1 }', S)).toBe(
      `${S} h1, ${S} .small p { color: red } ${S}.lead { padding: 0 } ${S} > p {} ${S} { --x: 1 }`,
    );
  });

  it('scopes rules inside @media, and leaves keyframe steps and a class named section-x alone', () => {
    expect(scopeCss('@media print { h2 { color: red } } @keyframes k { from { opacity: 0 } } section-x { }', S)).toBe(
      `@media print { ${S} h2 { color: red } } @keyframes k { from { opacity: 0 } } ${S} section-x { }`,
    );
  });

  it('reads broken CSS as a browser does: an unclosed block is closed', () => {
    expect(scopeCss('h1 { color: red', S)).toBe(`${S} h1 { color: red}`);
  });
});

describe('readDirectives with slide styles', () => {
  const html = '<style scoped>h1 { color: red }</style><style>p { color: blue }</style><h1>x</h1>';

  it('scopes <style scoped> to the slide and marks the section; a plain <style> stays global', () => {
    const d = readDirectives(html, { fragments: false, index: 3 });
    expect(d.attrs['data-style-scope']).toBe('3');
    expect(d.html).toContain(`<style>.reveal .slides ${S} h1 { color: red }</style>`);
    expect(d.html).toContain('<style>p { color: blue }</style>');
  });

  it('scopes every <style> when the dialect says so (Slidev)', () => {
    const d = readDirectives(html, { fragments: false, index: 3, ownStyles: 'all' });
    expect(d.html).toContain(`<style>.reveal .slides ${S} p { color: blue }</style>`);
  });

  it('a slide without a style is not marked', () => {
    expect(readDirectives('<h1>x</h1>', { fragments: false, index: 1 }).attrs['data-style-scope']).toBeUndefined();
  });
});
