// Split a deck body into slides. `---` alone on a line starts a slide, `--` a vertical slide,
// `Note:` starts speaker notes, `Handout:` the handout's wording for the slide (what a reader
// keeps, where it differs from what is said); none of them counts inside a code fence (but one
// that no later line closes ends at the next separator, as in reveal.js). Leaves Markdown
// rendering to render.ts. Scans lines rather than tokens: to marked, `text\n---` is a heading.
// This is the Kamishibai dialect's splitter (dialects/kamishibai.ts).
import { warning, type Diagnostic } from '../errors.js';
import type { RawSlide } from '../model.js';
import { fenceCloser, fenceTracker } from './fences.js';

const NOTE = /^\s*notes?:\s?/i;
const HANDOUT = /^\s*handout:\s?/i;

export function splitSlides(body: string, firstLine: number, file: string): { slides: RawSlide[]; diagnostics: Diagnostic[] } {
  const lines = body.split('\n');
  const slides: RawSlide[] = [];
  const diagnostics: Diagnostic[] = [];
  let current: string[] = [];
  let notes: string[] | undefined;
  let handout: string[] | undefined;
  let startLine = firstLine;
  let notesLine = 0;
  let h = 0;
  let v = 0;
  let fence: { char: string; length: number; line: number; closes: boolean } | undefined;
  const inFence = fenceTracker();
  const closesLater = fenceCloser(lines);

  const flush = () => {
    const words = handout?.join('\n').trim();
    slides.push({ body: current.join('\n'), notes: notes?.join('\n').trim() ?? '', line: startLine, notesLine, h, v, ...(words ? { handout: words } : {}) });
    [current, notes, handout, notesLine] = [[], undefined, undefined, 0];
  };

  lines.forEach((text, i) => {
    const lineNo = firstLine + i;
    const target = handout ?? notes ?? current;
    const wasOpen = inFence.open;
    const separator = /^(-{2}|-{3}|-{4})\s*$/.test(text);
    // A fence no later line closes ends at the next separator, as reveal.js's splitter ends it.
    if (wasOpen && fence && !fence.closes && separator) {
      diagnostics.push(warning(file, fence.line, `code fence opened here is not closed before the next slide (line ${lineNo}); it ends there, as in reveal.js; ${closeWith(fence)}`));
      inFence.open = undefined;
    } else if (inFence(text)) {
      if (!wasOpen) fence = { ...inFence.open!, line: lineNo, closes: closesLater(i, inFence.open!) };
      target.push(text);
      return;
    }
    // `--` is Kamishibai's vertical separator, `----` reveal-md's default one.
    if (separator) {
      flush();
      [h, v] = text.trim() === '---' ? [h + 1, 0] : [h, v + 1];
      startLine = lineNo + 1;
      return;
    }
    if (handout === undefined && HANDOUT.test(text)) {
      handout = [text.replace(HANDOUT, '')];
      return;
    }
    if (notes === undefined && handout === undefined && NOTE.test(text)) {
      notes = [text.replace(NOTE, '')];
      notesLine = lineNo;
      return;
    }
    target.push(text);
  });
  if (inFence.open && fence) diagnostics.push(warning(file, fence.line, `code fence opened here is never closed: it runs to the end of the deck; ${closeWith(fence)}`));
  flush();
  // Separators at the very start or end of a deck leave empty slides nobody meant.
  const kept = slides.filter((s, i) => !(isBlank(s) && (i === 0 || i === slides.length - 1)));
  return { slides: renumber(kept), diagnostics };
}

const closeWith = (fence: { char: string; length: number }) => `close it with a line of ${fence.char.repeat(fence.length)}`;

function isBlank(slide: RawSlide): boolean {
  return slide.body.trim() === '' && slide.notes === '';
}

/** Keep h/v consistent after dropping empty edge slides. */
function renumber(slides: RawSlide[]): RawSlide[] {
  if (slides.length === 0) return slides;
  const first = slides[0]!.h;
  return slides.map((s, i) => {
    const h = s.h - first;
    const v = i > 0 && slides[i - 1]!.h === s.h ? s.v : 0;
    return { ...s, h, v };
  });
}
