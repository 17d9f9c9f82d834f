// The slide's HTML as a DOM: applies reveal.js comment conventions
// (<!-- .slide: ... -->, <!-- .element: ... -->) at build time, reads Kamishibai's own
// directives (<!-- layout: x -->, <!-- fragments -->, <!-- column -->), turns list items
// into fragments; the files it loads (slide-urls.ts), its background pictures
// (backgrounds.ts) and the TeX Markdown left (slide-math.ts) are read in the same pass.
import { parseDocument } from 'htmlparser2';
import render from 'dom-serializer';
import { isComment, isTag, isText, Text, type AnyNode, type Comment, type Element, type ParentNode } from 'domhandler';
import type { TexRenderer } from './math.js';
import { getElementsByTagName, removeElement, replaceElement, textContent, findAll } from 'domutils';
import type { QrFigure } from '../qr.js';
import { layOutCycles } from './cycle.js';
import { scopeCss } from './scoped-style.js';
import { urlsOf, type SlideUrls } from './slide-urls.js';
import { placeBackgrounds } from './backgrounds.js';
import { dropBreaksAfterDisplays, leftoverTex, relink, renderMath } from './slide-math.js';
import { decodeHTML } from 'entities';

/** What a slide's comments and attributes say, with the files and addresses it loads (slide-urls.ts). */
export interface SlideDirectives extends SlideUrls {
  html: string;
  /** Extra attributes for <section>, from `<!-- .slide: -->`. */
  attrs: Record<string, string>;
  layout?: string;
  fragments?: boolean;
  /** 1-based part of the talk the slide belongs to (<!-- part: N -->), for the progress marker. */
  part?: number;
  /** HTML of each column when the slide has `<!-- column -->` separators. */
  columns: string[];
  /** With columns: the slide's leading heading, which spans them. */
  heading: string;
  /** Text of the first heading, for the outline, the index and PDF bookmarks. */
  title: string;
  /** The slide held a <meta http-equiv="refresh"> (taken out). */
  refresh?: boolean;
  /** Texts of `qr` comments too long for a QR code. */
  qrTooLong: string[];
  /** Math that KaTeX could not render, with its message. */
  mathErrors: { message: string; tex: string }[];
  /** TeX left as text after math was rendered (an unclosed $$, \begin{...} outside any delimiter). */
  rawTex?: string;
  /** Set when the slide's HTML nests deeper than MAX_HTML_DEPTH; nothing else was read. */
  tooDeep?: number;
  /** The slide's top-level <style>s, taken out of its content (as Marpit takes them): placed after it, they count as none of its elements. */
  styles?: string;
}

const ATTRS = /([^"= ]+?)="([^"]*?)"|(data-[^"= ]+?)(?=[" ]|$)/g;

function parseAttributes(text: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of text.matchAll(ATTRS)) {
    if (m[1]) attrs[m[1]] = m[2]!;
    else if (m[3]) attrs[m[3]] = '';
  }
  return attrs;
}

function applyAttributes(el: Element, attrs: Record<string, string>) {
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class' && el.attribs.class) el.attribs.class = `${el.attribs.class} ${v}`;
    else el.attribs[k] = v;
  }
}

/** reveal.js's `.element`, with or without the colon (its plugin reads `\.element\s*?(.+?)$`). */
const ELEMENT = /^\.element(?:\s*:|\s+)/;

const DIRECTIVE = /^\s*(layout|fragments|column|part|handout)\b\s*(?::\s*(.*?))?\s*$/;

export interface DirectiveOptions {
  fragments: boolean;
  tex?: TexRenderer;
  url?: string;
  qr?: QrFigure;
  attrs?: Record<string, string>;
  /** Which of the slide's <style>s apply to it alone: those marked `scoped` (Marp), or all (Slidev). */
  ownStyles?: 'scoped' | 'all';
  /** The slide's number in the deck: its scoped styles name it. */
  index?: number;
  /** A leading heading stays in the first column (RawSlide.headingInColumn). */
  headingInColumn?: boolean;
}

export function readDirectives(html: string, options: DirectiveOptions): SlideDirectives {
  // Fast path: most slides have no comment and no image to look at.
  const needsDom =
    Object.keys(options.attrs ?? {}).some((k) => k.startsWith('data-background')) ||
    html.includes('<!--') || /<(img|li|h[1-6]|iframe|object|embed|video|audio|source|meta|style)\b/i.test(html) || html.includes('katex-error') || html.includes('katex-display') || /file:/i.test(html) || (!!options.tex && /\$|\\\(|\\\[|\\begin\{/.test(html));
  const result: SlideDirectives = { html, attrs: {}, columns: [], heading: '', title: '', assets: [], fileUrls: [], remote: [], mathErrors: [], qrTooLong: [] };
  if (!needsDom) return result;

  const doc = parseDocument(html, { decodeEntities: false });
  const depth = maxDepth(doc);
  if (depth > MAX_HTML_DEPTH) return { ...result, html: '', tooDeep: depth };
  if (options.tex) {
    renderMath(doc, options.tex);
    result.rawTex = leftoverTex(doc);
  }
  dropBreaksAfterDisplays(doc);
  const columnBreaks = applyComments(doc, result, options.url, options.qr);
  if (result.fragments ?? options.fragments) {
    for (const li of getElementsByTagName('li', doc)) {
      if (!/\bfragment\b/.test(li.attribs.class ?? '')) li.attribs.class = li.attribs.class ? `${li.attribs.class} fragment` : 'fragment';
    }
  }
  // The section's attributes a dialect set (Marp's backgroundImage) name files too.
  Object.assign(result, urlsOf(doc, { ...options.attrs, ...result.attrs }));
  placeBackgrounds(doc, result);
  scopeStyles(doc, result, options);
  const styles = doc.children.filter((n) => isTag(n) && n.name === 'style');
  if (styles.length > 0) {
    result.styles = render(styles, { decodeEntities: false });
    removeAll(new Set(styles));
  }
  const heading = findAll((e) => /^h[1-6]$/.test(e.name) && !inFootnotes(e), doc.children)[0];
  if (heading) result.title = decodeHTML(textContent(heading)).replace(/\s+/g, ' ').trim();
  for (const e of findAll((el) => (el.attribs.class ?? '').split(' ').includes('katex-error'), doc.children)) {
    const tex = decodeHTML(textContent(e));
    result.mathErrors.push({ message: decodeHTML(e.attribs.title ?? tex), tex });
  }
  // A refresh would take the deck (and the page the PDF is printed from) somewhere else.
  for (const meta of findAll((e) => e.name === 'meta' && /^\s*refresh\s*$/i.test(e.attribs['http-equiv'] ?? ''), doc.children)) {
    result.refresh = true;
    removeElement(meta);
  }
  layOutCycles(doc);
  if (columnBreaks.size > 0) Object.assign(result, splitColumns(doc, columnBreaks, !options.headingInColumn));
  result.html = render(doc, { decodeEntities: false });
  return result;
}

/**
 * Apply the slide's comments: `.slide:` and `.element:` attributes (reveal.js), and
 * Kamishibai's layout, fragments and part directives, into `result`. Returns the column
 * markers, which stay in the tree for splitColumns.
 */
function applyComments(doc: ParentNode, result: SlideDirectives, url?: string, qr?: QrFigure): Set<AnyNode> {
  const columnBreaks = new Set<AnyNode>();
  const removed = new Set<AnyNode>();
  for (const [node, previous] of commentsInOrder(doc)) {
    const text = node.data.trim();
    if (text.startsWith('.slide:')) {
      Object.assign(result.attrs, parseAttributes(text.slice(7)));
      removed.add(node);
    } else if (ELEMENT.test(text)) {
      // reveal.js semantics: the previous element sibling, else the parent element.
      const target = previous ?? (node.parent && isTag(node.parent) ? node.parent : undefined);
      if (target) applyAttributes(target, parseAttributes(text.replace(ELEMENT, '')));
      removed.add(node);
    } else if (/^qr\b/i.test(text)) {
      // A QR code of the talk's url (`qr`) or of the address given (`qr: https://...`).
      // Without a url yet (a talk not published) nothing: an audience never sees a build hint
      // (the build says once that the talk has no address), and its column goes with it.
      const target = text.replace(/^qr\s*:?\s*/i, '').trim() || url;
      const html = target && qr ? qr(target) : '';
      if (html === undefined) result.qrTooLong.push(target!);
      if (html) {
        replaceElement(node, parseDocument(html, { decodeEntities: false }).children[0]!);
        continue;
      }
      removed.add(node);
    } else if (/^fit$/i.test(text)) {
      // Marp's fitting heading (`# <!-- fit --> Title`), or alone on a line: the whole slide fits.
      const parent = node.parent && isTag(node.parent) ? node.parent : undefined;
      if (parent && /^h[1-6]$/.test(parent.name)) applyAttributes(parent, { class: 'r-fit-text' });
      else result.attrs.class = [result.attrs.class, 'fit'].filter(Boolean).join(' ');
      removed.add(node);
    } else {
      const m = DIRECTIVE.exec(text);
      if (!m) continue;
      if (m[1] === 'layout') result.layout = m[2] ?? '';
      else if (m[1] === 'fragments') result.fragments = m[2] === undefined || m[2] !== 'false';
      else if (m[1] === 'part') result.part = Number(m[2]);
      // How the article handout shows the slide: `skip` leaves it out, `text` keeps its words only.
      else if (m[1] === 'handout' && /^(skip|text)$/.test(m[2] ?? '')) result.attrs['data-handout'] = m[2]!;
      else if (m[1] === 'column') {
        columnBreaks.add(node);
        continue;
      }
      removed.add(node);
    }
  }
  removeAll(removed);
  return columnBreaks;
}

/** The slide's own <style>s rewritten to apply to its <section> alone, which is marked for them. */
function scopeStyles(doc: ParentNode, result: SlideDirectives, options: DirectiveOptions) {
  const own = findAll((e) => e.name === 'style' && (options.ownStyles === 'all' || 'scoped' in e.attribs), doc.children);
  if (own.length === 0) return;
  const key = String(options.index ?? 0);
  result.attrs['data-style-scope'] = key;
  for (const style of own) {
    const text = new Text(scopeCss(textContent(style), `.reveal .slides section[data-style-scope="${key}"]`));
    text.parent = style;
    style.children = [text];
    delete style.attribs.scoped;
  }
}

function inFootnotes(e: Element): boolean {
  for (let p = e.parent; p; p = p.parent) if (isTag(p) && p.attribs['data-footnotes'] !== undefined) return true;
  return false;
}

/** Top-level nodes between `<!-- column -->` markers form the columns; a leading heading spans them (with `spans`). */
function splitColumns(doc: ParentNode, breaks: Set<AnyNode>, spans: boolean): Pick<SlideDirectives, 'heading' | 'columns'> {
  let heading = '';
  let column: AnyNode[] = [];
  const columns: AnyNode[][] = [];
  const nodes = [...doc.children];
  const first = nodes.find((n) => !(isText(n) && n.data.trim() === ''));
  if (spans && first && isTag(first) && /^h[1-6]$/.test(first.name)) {
    heading = render(first, { decodeEntities: false });
    nodes.splice(nodes.indexOf(first), 1);
  }
  for (const node of nodes) {
    if (breaks.has(node)) {
      columns.push(column);
      column = [];
    } else column.push(node);
  }
  columns.push(column);
  return { heading, columns: columns.map((ns) => render(ns, { decodeEntities: false }).trim()) };
}

/** HTML nested deeper than this is refused: serialising it recurses once a level. */
export const MAX_HTML_DEPTH = 256;

function maxDepth(doc: ParentNode): number {
  let max = 0;
  const stack: [AnyNode, number][] = doc.children.map((c) => [c, 1]);
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > max) max = depth;
    if (depth > MAX_HTML_DEPTH) break;
    if ('children' in node && !isText(node)) for (const c of (node as ParentNode).children) stack.push([c, depth + 1]);
  }
  return max;
}

/**
 * Every comment in document order, with the element sibling before it (a `<br>` does not
 * count): one pass, so a slide of many `.element` comments costs no more than its length.
 */
function* commentsInOrder(doc: ParentNode): Generator<[Comment, Element | undefined]> {
  const stack: ParentNode[] = [doc];
  while (stack.length > 0) {
    const parent = stack.pop()!;
    let previous: Element | undefined;
    const nested: ParentNode[] = [];
    for (const child of parent.children) {
      if (isComment(child)) yield [child, previous];
      else if (isTag(child)) {
        if (child.name !== 'br') previous = child;
        nested.push(child);
      } else if ('children' in child && !isText(child)) nested.push(child as ParentNode);
    }
    for (let i = nested.length - 1; i >= 0; i--) stack.push(nested[i]!);
  }
}

/** Take nodes out of the tree, each parent's children rebuilt once (not one splice a node). */
function removeAll(nodes: Set<AnyNode>): void {
  const parents = new Set<ParentNode>();
  for (const n of nodes) if (n.parent) parents.add(n.parent);
  for (const parent of parents) relink(parent, parent.children.filter((c) => !nodes.has(c)));
}
