// A deck that reads as one slide (or very few) while it holds lines that look like another
// tool's separators: say which setting would split it, at the first such line. Migrated decks
// whose separators lived in an HTML page otherwise collapse without a word.
import { warning, type Diagnostic } from '../errors.js';
import type { RawSlide } from '../model.js';
import { fenceTracker } from '../markdown/fences.js';

const LOOKS_LIKE: [RegExp, (line: string) => string][] = [
  [/^<!--\s*(s|slide|v|vertical)\s*-->\s*$/i, (l) => `separator: "${l.trim()}"`],
  [/^-{5,}\s*$/, (l) => `separator: "^${l.trim()}$"`],
];

export function unsplitWarning(body: string, firstLine: number, slides: RawSlide[], file: string): Diagnostic[] {
  if (slides.length > 2) return [];
  const count = slides.length === 1 ? 'one slide' : 'two slides';
  const inFence = fenceTracker();
  const lines = body.split('\n');
  let blankRun = 0;
  for (const [i, text] of lines.entries()) {
    if (inFence(text)) continue;
    for (const [re, setting] of LOOKS_LIKE) {
      if (re.test(text)) return [warning(file, firstLine + i, `the deck is ${count}, and this line looks like another tool's slide separator; if it is one, set ${setting(text)} in the front matter (as reveal-md decks do), or build with --separator`)];
    }
    blankRun = text.trim() === '' ? blankRun + 1 : 0;
    if (blankRun === 3 && lines.length > 20) {
      return [warning(file, firstLine + i - 2, `the deck is ${count}, with runs of blank lines like this one; if they separate slides (a reveal.js page's data-separator="^\\n\\n\\n"), set separator: "^\\\\n\\\\n\\\\n" in the front matter, or build with --separator '^\\n\\n\\n'`)];
    }
  }
  return [];
}
