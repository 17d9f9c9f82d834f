// A Marp theme's selectors, aimed at where a Kamishibai slide keeps its content, header and footer.
import { describe, expect, it } from 'vitest';
import { onSlideBody, withImportThemesFirst } from '../../../src/core/dialects/marp-theme.js';

describe('onSlideBody', () => {
  it("aims section and :root at the slide's body, before any pseudo-element", () => {
    expect(onSlideBody('section')).toBe('section > .slide-body');
    expect(onSlideBody('section.lead h1')).toBe('section.lead > .slide-body h1');
    expect(onSlideBody(':root')).toBe('section > .slide-body');
    expect(onSlideBody('section::before')).toBe('section > .slide-body::before');
    // teaching-fr: CSS 2's one-colon form of the four old pseudo-elements.
    expect(onSlideBody('section.pm:before')).toBe('section.pm > .slide-body:before');
    expect(onSlideBody('section:first-child h1')).toBe('section:first-child > .slide-body h1');
    expect(onSlideBody('section[data-x="section"] p')).toBe('section[data-x="section"] > .slide-body p');
  });

  it('scopes every other selector to the slide, as Marpit does: `h1` weighs what `section h1` does', () => {
    expect(onSlideBody('h1')).toBe('section > .slide-body h1');
    expect(onSlideBody('section h1')).toBe('section > .slide-body h1');
    expect(onSlideBody('a:hover')).toBe('section > .slide-body a:hover');
    expect(onSlideBody('*')).toBe('section > .slide-body *');
  });

  it("leaves the section's header and footer where they are: beside the body, as in Marp", () => {
    expect(onSlideBody('section > header')).toBe('section > header');
    expect(onSlideBody('section>footer a')).toBe('section>footer a');
    expect(onSlideBody('section.invert footer')).toBe('section.invert footer');
    expect(onSlideBody('header')).toBe('section > header');
    expect(onSlideBody('footer a')).toBe('section > footer a');
    expect(onSlideBody('section > headerish')).toBe('section > .slide-body > headerish');
  });
});

describe('withImportThemesFirst', () => {
  it("npmsec-en: Marpit's @import-theme, anywhere in the sheet, is an @import at its top, after @charset, in the order written", () => {
    const css = '@charset "UTF-8";\n/* @theme x */\na { color: red }\n@import-theme "default";\nb {}\n@import-theme \'gaia\';\n/* @import-theme "commented"; */';
    expect(withImportThemesFirst(css)).toBe('@charset "UTF-8";@import "default";@import \'gaia\';\n/* @theme x */\na { color: red }\n\nb {}\n\n/* @import-theme "commented"; */');
    expect(withImportThemesFirst('a {}')).toBe('a {}');
  });
});
