// What a built deck says, read from its HTML (not from the browser the export measures in):
// each slide's title, its text blocks (each element with words of its own, as one string) and its notes, a paragraph or item each. Pictures (SVG, math, diagrams) and code
// are left out: they are not text blocks.
import { parseDocument } from 'htmlparser2';
import { findAll, getAttributeValue, hasAttrib, textContent } from 'domutils';
import type { Element, Node } from 'domhandler';

export interface SlideText {
  title?: string;
  blocks: string[];
  /** Runs of words no element breaks (only <wbr>): a line break inside one is wrapping, not layout. */
  stretches: string[];
  notes: string[];
}

const SKIP = /\b(katex|katex-display|mermaid|diagram|qr-code|footnote-backref)\b/;
const classes = (e: Element) => getAttributeValue(e, 'class') ?? '';

/** Text as drawn: spaces collapsed, pictures and nested lists left out. */
function ownText(node: Node): string {
  if (node.type === 'text') return (node as unknown as { data: string }).data;
  if (!('children' in node)) return '';
  const e = node as Element;
  if (['svg', 'ul', 'ol', 'script', 'style', 'pre', 'aside'].includes(e.name) || SKIP.test(classes(e))) return '';
  if (e.name === 'br') return '\n';
  return e.children.map(ownText).join('');
}

/** The element's words cut at every child element but <wbr> (CSS may set any of them apart: a .stat's <strong>). */
function stretches(e: Element): string[] {
  const out = [''];
  const visit = (n: Node) => {
    if (n.type === 'text') out[out.length - 1] += (n as unknown as { data: string }).data;
    else if ((n as Element).name !== 'wbr') out.push('');
  };
  e.children.forEach(visit);
  return out.map(clean).filter(Boolean);
}

const clean = (s: string) => s.replace(/[ \t\r\n]+/g, ' ').trim();

export function deckText(html: string): SlideText[] {
  const doc = parseDocument(html);
  const slide = (e: Element) => e.name === 'section' && hasAttrib(e, 'data-line');
  const sections = findAll((e) => slide(e) && !findAll(slide, e.children).length, doc.children);
  return sections.map((section) => {
    const inside = (e: Element, test: (a: Element) => boolean) => {
      for (let p = e.parent as Element | null; p && p !== section; p = p.parent as Element | null) if (test(p)) return true;
      return false;
    };
    const picture = (a: Element) => a.name === 'svg' || a.name === 'pre' || a.name === 'aside' || SKIP.test(classes(a));
    // A block is an element with words of its own (a paragraph; a span set apart by flex).
    const ownWords = (e: Element) => e.children.some((c) => c.type === 'text' && (c as unknown as { data: string }).data.trim() !== '');
    const blocks = findAll((e) => ownWords(e) && !picture(e) && !inside(e, picture), section.children)
      .filter((e) => !findAll((c) => c.name === 'br', e.children).length)
      .map((e) => clean(ownText(e)))
      .filter(Boolean);
    const heading = findAll((e) => /^h[1-3]$/.test(e.name) && !inside(e, picture), section.children)[0];
    const aside = findAll((e) => e.name === 'aside' && classes(e).includes('notes'), section.children)[0];
    const notes = aside ? findAll((e) => e.name === 'p' || e.name === 'li', aside.children).map((e) => clean(ownText(e))).filter(Boolean) : [];
    if (aside && notes.length === 0 && clean(textContent(aside))) notes.push(clean(textContent(aside)));
    const parts = findAll((e) => ownWords(e) && !picture(e) && !inside(e, picture), section.children).flatMap(stretches);
    return { title: heading ? clean(ownText(heading)) : undefined, blocks, stretches: parts, notes };
  });
}
