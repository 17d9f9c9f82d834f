// Markdown that would make the parser hang or crash, found in one linear pass before any
// slide is rendered: containers nested too deep (marked recurses, and indented lists cost it
// the cube of their depth), and paragraphs too long or too full of the characters whose
// pairing marked searches for again at each one (emphasis, links: the square of the length).
import { error, type Diagnostic } from '../errors.js';
import { fenceTracker } from './split.js';

/** Lists and quotes inside each other; real talks use three or four. */
export const MAX_NESTING = 32;
/** A paragraph this long is ten pages of text, and costs marked ~10 ms at worst. */
export const MAX_PARAGRAPH = 20_000;
/**
 * Paragraph length times its `*`, `_`, `[`, `]`, `~`, `<`, `@`: ~1 ns each in marked, so one
 * paragraph costs at most ~2 ms and a 2 MB deck of the worst ones ~3 s. Prose stays far
 * below: 2,000 characters with 50 marks is 1e5.
 */
export const MARKS_BUDGET = 2_000_000;
const MARKS = new Set(['*', '_', '[', ']', '~', '<', '@']);
/** A line that opens an HTML block (CommonMark types 1-7): marked does not parse its inlines. */
const BLOCK_TAGS =
  'address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul';
const HTML_BLOCK = new RegExp(`^ {0,3}(<(script|pre|style|textarea)(\\s|>|$)|<!--|<\\?|<![A-Za-z]|<!\\[CDATA\\[|</?(${BLOCK_TAGS})(\\s|/?>|$)|</?[A-Za-z][\\w-]*(\\s[^>]*)?/?>\\s*$)`, 'i');

const CONTAINER = /^( *)(>|[-*+](?=\s|$)|\d{1,9}[.)](?=\s|$))/;
const STARTS_BLOCK = /^\s*([-*+>|#]|\d{1,9}[.)])/;

/** Lines of `body` (starting at file line `first`) that no slide may hold, each with why. */
export function checkLimits(body: string, first: number, file: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const inFence = fenceTracker();
  let para = { line: 0, length: 0, marks: 0, html: false };
  let deep = false;
  const endParagraph = () => {
    if (!para.html && para.length > MAX_PARAGRAPH) {
      diagnostics.push(error(file, para.line, `this paragraph is ${para.length} characters long; Kamishibai takes up to ${MAX_PARAGRAPH}: split it with blank lines`));
    } else if (!para.html && para.length * para.marks > MARKS_BUDGET) {
      diagnostics.push(
        error(file, para.line, `this paragraph has ${para.marks} of * _ [ ] ~ < @ in ${para.length} characters, more than Markdown's parser can take in time; split it into shorter paragraphs, or escape literal ones (\\*)`),
      );
    }
    para = { line: 0, length: 0, marks: 0, html: false };
  };
  body.split('\n').forEach((text, i) => {
    const line = first + i;
    if (inFence(text) || text.trim() === '') return endParagraph();
    const depth = nesting(text);
    // One report for a run of deep lines: the first is where to flatten.
    if (depth > MAX_NESTING && !deep) {
      diagnostics.push(error(file, line, `lists and quotes nested ${depth} deep here; Kamishibai takes up to ${MAX_NESTING}: flatten them`));
    }
    deep = depth > MAX_NESTING;
    if (STARTS_BLOCK.test(text)) endParagraph();
    if (para.line === 0) para = { line, length: 0, marks: 0, html: HTML_BLOCK.test(text) };
    para.length += text.length + 1;
    for (let k = 0; k < text.length; k++) if (MARKS.has(text[k]!)) para.marks++;
  });
  endParagraph();
  return diagnostics;
}

/** Containers a line opens or sits in: its `>` and list markers, and list levels its indent implies. */
function nesting(text: string): number {
  let depth = 0;
  let indent = 0;
  let rest = text;
  for (let m = CONTAINER.exec(rest); m; m = CONTAINER.exec(rest)) {
    depth++;
    indent += m[1]!.length;
    rest = rest.slice(m[0].length).replace(/^ /, '');
  }
  return depth === 0 ? 0 : depth + Math.floor(indent / 2);
}
