// A slide's own <style scoped> (Marp; and every <style> in a Slidev slide) applies to that
// slide alone. As Marpit does it (its style/assign.js): each selector is put under the
// slide's <section>, and a selector that starts with `section` names the slide itself.
// postcss reads the CSS: selectors inside @media and @supports are scoped too, keyframe
// steps are not. CSS's own @scope cannot stand in: inside it `section` would not match the
// slide that is its root.
import postcss, { type Rule } from 'postcss';

/** `css` with every rule scoped to `section` (a selector for one slide); undefined when postcss cannot read it. */
export function scopeCss(css: string, section: string): string | undefined {
  let root: postcss.Root;
  try {
    root = postcss.parse(css);
  } catch {
    return undefined;
  }
  root.walkRules((rule: Rule) => {
    const parent = rule.parent;
    if (parent?.type === 'atrule' && /keyframes$/i.test((parent as postcss.AtRule).name)) return;
    rule.selectors = rule.selectors.map((s) => (/^section(?![\w-])/.test(s) ? `${section}${s.slice('section'.length)}` : /^:root(?![\w-])/.test(s) ? `${section}${s.slice(':root'.length)}` : `${section} ${s}`));
  });
  return root.toString();
}
