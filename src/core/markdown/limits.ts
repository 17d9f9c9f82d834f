// Markdown that would make the parser hang or crash, found in one linear pass before any
// slide is rendered: containers nested too deep (marked recurses, and indented lists cost it
// the cube of their depth), and paragraphs too long or too full of the characters whose
// pairing marked searches for again at each one (emphasis, links: the square of the length).
import { Lexer } from 'marked';
import { error, warning, type Diagnostic } from '../errors.js';
import { fenceTracker } from './fences.js';

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
/**
 * marked's own test for an HTML block (whose inlines it does not parse), run where marked runs
 * it, so that no line marked parses escapes the count (`<a href="x"y>` is not a tag to it).
 */
const HTML_BLOCK = new RegExp(Lexer.rules.block.gfm.html.source.replace(/^\^/, ''), `y${Lexer.rules.block.gfm.html.flags}`);
/** A highlighted code block this long is shown plain: some highlight.js grammars take the square of its length. */
export const MAX_HIGHLIGHTED = 2_500;
/** Highlighted code in one deck: ~3 s of highlight.js at worst. */
export const MAX_DECK_CODE = 100_000;

const CONTAINER = /^( *)(>|[-*+](?=\s|$)|\d{1,9}[.)](?=\s|$))/;
const STARTS_BLOCK = /^\s*([-*+>|#]|\d{1,9}[.)])/;

/** What marked parses on its own: a slide's body or its notes, from its file line. */
export interface Part {
  text: string;
  line: number;
}

type CodeBudget = { total: number; over: boolean };
type Fence = { line: number; lang: string; length: number };

/** Lines of `body` (starting at file line `first`) that no slide may hold, each with why. */
export function checkLimits(body: string, first: number, file: string): Diagnostic[] {
  return checkParts([{ text: body, line: first }], file);
}

/** The limits of each part as marked will parse it on its own; the code budget over them all. */
export function checkParts(parts: Part[], file: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const code = { total: 0, over: false };
  for (const part of parts) checkPart(part, file, code, diagnostics);
  return diagnostics;
}

function checkPart({ text: body, line: first }: Part, file: string, code: CodeBudget, diagnostics: Diagnostic[]): void {
  const inFence = fenceTracker();
  let para = { line: 0, length: 0, marks: 0 };
  let deep = false;
  let fence: Fence | undefined;
  const endParagraph = () => {
    if (para.length > MAX_PARAGRAPH) {
      diagnostics.push(error(file, para.line, `this paragraph is ${para.length} characters long; Kamishibai takes up to ${MAX_PARAGRAPH}: split it with blank lines`));
    } else if (para.length * para.marks > MARKS_BUDGET) {
      diagnostics.push(
        error(file, para.line, `this paragraph has ${para.marks} of * _ [ ] ~ < @ in ${para.length} characters, more than Markdown's parser can take in time; split it into shorter paragraphs, or escape literal ones (\\*)`),
      );
    }
    para = { line: 0, length: 0, marks: 0 };
  };
  let offset = 0;
  let skipTo = 0;
  body.split('\n').forEach((text, i) => {
    const line = first + i;
    const at = offset;
    offset += text.length + 1;
    if (at < skipTo) return;
    const wasOpen = inFence.open;
    if (inFence(text)) {
      endParagraph();
      // The language is the info string's first word (```js {1,3} and ```js[x] are js).
      if (!wasOpen) fence = { line, lang: /^[^\s[{]*/.exec(inFence.open!.info)![0], length: -1 };
      else if (inFence.open) fence!.length += text.length + 1;
      else checkCode(fence!, file, code, diagnostics);
      return;
    }
    if (text.trim() === '') return endParagraph();
    const depth = nesting(text);
    // One report for a run of deep lines: the first is where to flatten.
    if (depth > MAX_NESTING && !deep) {
      diagnostics.push(error(file, line, `lists and quotes nested ${depth} deep here; Kamishibai takes up to ${MAX_NESTING}: flatten them`));
    }
    deep = depth > MAX_NESTING;
    if (STARTS_BLOCK.test(text)) endParagraph();
    if (para.line === 0) {
      // An HTML block: marked passes it through unparsed, up to where its own test ends it.
      HTML_BLOCK.lastIndex = at;
      if (HTML_BLOCK.test(body)) {
        skipTo = HTML_BLOCK.lastIndex;
        return;
      }
      para = { line, length: 0, marks: 0 };
    }
    para.length += text.length + 1;
    for (let k = 0; k < text.length; k++) if (MARKS.has(text[k]!)) para.marks++;
  });
  endParagraph();
  if (inFence.open && fence) checkCode(fence, file, code, diagnostics);
}

/** A code block highlight.js would colour: plain past MAX_HIGHLIGHTED (said once), an error past the deck's budget. */
function checkCode(fence: Fence, file: string, code: CodeBudget, diagnostics: Diagnostic[]): void {
  if (!fence.lang || fence.lang === 'mermaid' || fence.length <= 0) return;
  if (fence.length > MAX_HIGHLIGHTED) {
    diagnostics.push(warning(file, fence.line, `this code block is ${fence.length} characters long; past ${MAX_HIGHLIGHTED} code is shown without colours (highlighting it could take minutes): shorten it, or drop the language to silence this`));
    return;
  }
  code.total += fence.length;
  if (code.total > MAX_DECK_CODE && !code.over) {
    code.over = true;
    diagnostics.push(error(file, fence.line, `the deck's highlighted code passes ${MAX_DECK_CODE} characters here, more than Kamishibai highlights in time; drop the language from some code blocks (they are then shown plain) or split the deck`));
  }
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
