// A slide's own <style scoped> (Marp; and every <style> in a Slidev slide) applies to that
// slide alone. As Marpit does it (its style/assign.js): each selector is put under the
// slide's <section>, and a selector that starts with `section` names the slide itself.
// postcss reads the CSS as a browser does (its safe parser closes an unclosed block):
// selectors inside @media and @supports are scoped too, keyframe steps are not. CSS's own
// @scope cannot stand in: inside it `section` would not match the slide that is its root.
import type { AtRule, Rule } from 'postcss';
import safeParse from 'postcss-safe-parser';

/** The slide's own compound selector (`section.lead:not(.x)`), then the rest of the selector. */
const SLIDE = /^(?:section|:root)(?![\w-])((?:\([^)]*\)|[^\s>+~(])*)([\s\S]*)$/;
/** What follows the slide that names its header or footer, which sit beside the content. */
const CHROME = /^\s*>?\s*(header|footer)(?![\w-])/;

/**
 * `css` with every rule scoped to `section` (a selector for one slide). The slide's content
 * sits in its `.slide-body` (the header and footer beside it): what a selector names inside
 * the slide is looked for there, so that `section > p` is a paragraph of the slide's and
 * `section *:nth-child(1)` its first element, as in Marp, not the box that holds them.
 */
export function scopeCss(css: string, section: string): string {
  const root = safeParse(css);
  root.walkRules((rule: Rule) => {
    const parent = rule.parent;
    if (parent?.type === 'atrule' && /keyframes$/i.test((parent as AtRule).name)) return;
    rule.selectors = rule.selectors.map((s) => scopeSelector(s.trim(), section));
  });
  return root.toString();
}

function scopeSelector(selector: string, section: string): string {
  const slide = SLIDE.exec(selector);
  if (!slide) return CHROME.test(selector) ? `${section} ${selector}` : `${section} > .slide-body ${selector}`;
  const [, compound, rest] = slide as unknown as [string, string, string];
  // The slide itself (its ::before too: the compound holds it), its header and footer, or the slides after it.
  if (rest.trim() === '' || CHROME.test(rest) || /^\s*[+~]/.test(rest)) return `${section}${compound}${rest}`;
  return `${section}${compound} > .slide-body${/^\s*[>+~]/.test(rest) ? rest : ` ${rest.trimStart()}`}`;
}
