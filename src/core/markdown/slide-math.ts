// TeX in a slide's HTML that Markdown's math rule did not reach (raw HTML, $$ within a line):
// rendered in place, and what still reads as TeX afterwards, for a warning.
import { parseDocument } from 'htmlparser2';
import { isTag, isText, Text, type AnyNode, type ParentNode } from 'domhandler';
import { findAll, removeElement } from 'domutils';
import { splitMath, type TexRenderer } from './math.js';

/** Elements whose text is never math: code, and math already rendered. */
const NOT_MATH = /^(pre|code|script|style|textarea|kbd|samp)$/;

/** Text nodes a reader sees as prose, in document order: not in code, not in rendered math. */
function proseTexts(doc: ParentNode): Text[] {
  const texts: Text[] = [];
  const stack: ParentNode[] = [doc];
  while (stack.length > 0) {
    const parent = stack.pop()!;
    const nested: ParentNode[] = [];
    for (const child of parent.children) {
      if (isTag(child) && !NOT_MATH.test(child.name) && !/\bkatex\b/.test(child.attribs.class ?? '')) nested.push(child);
      else if (isText(child)) texts.push(child);
    }
    for (let i = nested.length - 1; i >= 0; i--) stack.push(nested[i]!);
  }
  return texts;
}

/** Math that Markdown's rule did not reach (raw HTML, $$ within a line), rendered in place. */
export function renderMath(doc: ParentNode, tex: TexRenderer): void {
  const swaps = new Map<ParentNode, Map<AnyNode, AnyNode[]>>();
  for (const text of proseTexts(doc)) {
    const pieces = splitMath(text.data);
    if (pieces.length === 1 && 'text' in pieces[0]!) continue;
    const nodes = pieces.flatMap((p) => ('text' in p ? [new Text(p.text)] : parseDocument(tex(p.tex, p.display), { decodeEntities: false }).children));
    const parent = text.parent!;
    if (!swaps.has(parent)) swaps.set(parent, new Map());
    swaps.get(parent)!.set(text, nodes);
  }
  // Each parent's children rebuilt once, however many of its texts held math.
  for (const [parent, byNode] of swaps) relink(parent, parent.children.flatMap((c) => byNode.get(c) ?? [c]));
}

/** The first text outside code and rendered math that still reads as TeX, if any. */
export function leftoverTex(doc: ParentNode): string | undefined {
  for (const text of proseTexts(doc)) {
    const m = /\$\$|\\begin\{|\\(frac|sum|int|sqrt|alpha|beta|theta|Theta|lambda|mathbb|mathrm)\b/.exec(text.data);
    if (m) return text.data.slice(Math.max(0, m.index - 10), m.index + 30).trim();
  }
  return undefined;
}

/** Give `parent` these children, with their parent, prev and next links. */
export function relink(parent: ParentNode, children: AnyNode[]): void {
  parent.children = children;
  children.forEach((c, i) => {
    c.parent = parent;
    c.prev = children[i - 1] ?? null;
    c.next = children[i + 1] ?? null;
  });
}

/**
 * Line breaks right after display math are left out: the formula is a block, which ends its
 * line already. Written one `$$...$$` a line (arendt, leibniz), each a block of its own in
 * Marp, the break that Marp's `breaks` puts after each would add an empty line under it.
 */
export function dropBreaksAfterDisplays(doc: ParentNode): void {
  for (const br of findAll((e) => e.name === 'br', doc.children)) {
    let before = br.prev;
    while (before && isText(before) && before.data.trim() === '') before = before.prev;
    if (before && isTag(before) && (before.attribs.class ?? '').split(' ').includes('katex-display')) removeElement(br);
  }
}
