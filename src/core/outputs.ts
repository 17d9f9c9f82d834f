// What a build writes for a talk, named once; how a talk's name becomes its output folder;
// and how long a browser step may take.
export const talkFiles = (slug: string) => ({
  page: 'index.html',
  pdf: `${slug}.pdf`,
  handout: `${slug}-handout.pdf`,
  og: 'og.png',
  // A talk named "index" would put its one-file deck over its deck page.
  singleFile: slug.toLowerCase() === 'index' ? 'index-single.html' : `${slug}.html`,
  notes: `${slug}-notes.md`,
  pptx: `${slug}.pptx`,
});

/** What a talk's output was made from (run/up-to-date.ts): a build leaves an unchanged talk as it is. */
export const MADE_FROM = 'made-from.json';

/** What each talk's folder says of it (title, event, PDFs), so a one-talk build can list the others. */
export const TALK_SUMMARY = 'talk.json';

/** Upper bound on each browser step of a talk (load, print), unless --timeout says otherwise. */
export const BROWSER_STEP_MS = 120_000;

/** Slides BROWSER_STEP_MS is meant for; each one more adds STEP_MS_PER_SLIDE. */
const STEP_SLIDES = 300;
const STEP_MS_PER_SLIDE = 100;

/**
 * The default limit of a browser step for a deck of `slides`: loading, measuring and printing
 * take time in proportion to the deck, so a long deck gets its share (3,000 slides: 390 s)
 * rather than failing at a limit meant for a talk-sized one.
 */
export function browserStepMs(slides: number): number {
  return BROWSER_STEP_MS + Math.max(0, slides - STEP_SLIDES) * STEP_MS_PER_SLIDE;
}

/** Names beside the talk folders at the top of the output: the talk list's page and its fonts. */
export const LIST_NAMES = ['index.html', 'assets'];

/**
 * A talk's output folder from its folder or file name: letters, marks and digits of every
 * script kept (NFC, as Linux and Windows write names; macOS gives NFD), `_ . -` kept, any
 * other run of characters one `-`, no `-` or `.` at either end (so never `.` or `..`), at
 * most 200 bytes (room for `-handout.pdf` in a file name). '' when nothing is left.
 */
export function talkSlug(name: string): string {
  const slug = name
    .normalize('NFC')
    .replace(/-*(?:[^\p{L}\p{M}\p{N}_.-]+-*)+/gu, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  let cut = slug;
  while (new TextEncoder().encode(cut).length > 200) cut = [...cut].slice(0, -1).join('');
  return cut.replace(/[-.]+$/, '');
}

/** Two slugs are one folder on a case-insensitive disk (macOS, Windows) and in many URLs. */
export const slugKey = (slug: string): string => slug.normalize('NFC').toLowerCase();

/** A path relative to a folder that stays inside it: no absolute path, `..`, `.`, empty part, backslash or NUL. */
export function isInsidePath(p: unknown): p is string {
  return typeof p === 'string' && p !== '' && !/[\\\0]/.test(p) && p.split('/').every((s) => s !== '' && s !== '.' && s !== '..');
}

/** What the build itself writes at `rel` (a path in a talk's output folder), in words; undefined for a name it leaves to the deck. */
export function generatedAt(rel: string, slug: string): string | undefined {
  const f = talkFiles(slug);
  const named: [string, string][] = [
    [f.page, 'the deck page'],
    [f.og, 'the link-preview picture'],
    [TALK_SUMMARY, "the talk's entry for the talk list"],
    [f.pdf, 'the slide PDF'],
    [f.handout, 'the handout PDF'],
    [f.singleFile, 'the one-file deck (--single-file)'],
    [f.notes, 'the notes file (--notes)'],
    [f.pptx, 'the PowerPoint file (--pptx)'],
    [MADE_FROM, 'the record of what the talk was made from'],
    ['assets/kamishibai.js', "the deck's script"],
    ['assets/kamishibai.css', "the deck's styles"],
    ['assets/fonts.css', "the deck's fonts"],
  ];
  // Compared without case: on macOS and Windows, Index.html is index.html.
  const key = rel.normalize('NFC').toLowerCase();
  const hit = named.find(([name]) => name.toLowerCase() === key);
  if (hit) return hit[1];
  if (key.startsWith('assets/fonts/')) return "the deck's fonts";
  if (/^png\/slide-\d+\.png$/.test(key)) return 'a slide picture (--png)';
  return undefined;
}
