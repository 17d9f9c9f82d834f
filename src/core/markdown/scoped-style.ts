// A slide's own <style scoped> (Marp; and every <style> in a Slidev slide) applies to that
// slide alone. As Marpit does it (its style/assign.js): each selector is put under the
// slide's <section>, and a selector that starts with `section` names the slide itself.
// postcss reads the CSS as a browser does (its safe parser closes an unclosed block):
// selectors inside @media and @supports are scoped too, keyframe steps are not. CSS's own
// @scope cannot stand in: inside it `section` would not match the slide that is its root.
import type { AtRule, Rule } from 'postcss';
import safeParse from 'postcss-safe-parser';

/** `css` with every rule scoped to `section` (a selector for one slide). */
export function scopeCss(css: string, section: string): string {
  const root = safeParse(css);
  root.walkRules((rule: Rule) => {
    const parent = rule.parent;
    if (parent?.type === 'atrule' && /keyframes$/i.test((parent as AtRule).name)) return;
    rule.selectors = rule.selectors.map((s) => (/^section(?![\w-])/.test(s) ? `${section}${s.slice('section'.length)}` : /^:root(?![\w-])/.test(s) ? `${section}${s.slice(':root'.length)}` : `${section} ${s}`));
  });
  return root.toString();
}
