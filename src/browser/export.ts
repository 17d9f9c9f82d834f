// The browser stage of a build: one Chromium for every talk and every output, turned into
// diagnostics (overflow, contrast, broken images, fallback fonts, page errors, blocked requests).
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import type { BrowserStart } from './session.js';
import { MIN_TEXT_PX } from './inspect.js';
import { foldAcrossSlides, slideWarnings } from './slide-warnings.js';
import { buildDate } from '../run/build-date.js';
import { exportTalk, type ExportResult } from './print.js';
import { error, warning, KamishibaiError, type Diagnostic } from '../core/errors.js';
import type { TalkBuild } from '../core/pipeline.js';
import { writeFault } from '../output/staging.js';
import type { PptxMode } from './pptx-file.js';
import { DECK_LIMITS, type DeckLimits } from '../core/deck-size.js';

export interface ExportStageOptions {
  /** Folder in which each talk's built deck sits, as <dir>/<slug>/index.html. */
  dir: string;
  /** The slide PDF and og.png. */
  pdf: boolean;
  handout: boolean;
  pdfFragments: boolean;
  png: boolean;
  /** PowerPoint for the decks that ask for it (pptx: true, --pptx): written (build), measured for its report (check), or left out (dev's PDF on demand). */
  pptx: PptxMode;
  /** Each browser step's limit for a talk of this many slides. */
  timeoutMs: (slides: number) => number;
  /** What one deck may ask for (--large); default: DECK_LIMITS. */
  limits?: DeckLimits;
  /** Leave the browser running afterwards (the dev server reuses it); else its end begins here, awaited by whoever started it (the run's close). */
  keepBrowser?: boolean;
  onProgress?: (message: string) => void;
}

export interface ExportStageResult {
  diagnostics: Diagnostic[];
  /** Files written for each talk (slug -> paths relative to its folder). */
  files: Map<string, string[]>;
}

export async function exportStage(builds: TalkBuild[], start: BrowserStart, options: ExportStageOptions): Promise<ExportStageResult> {
  const diagnostics: Diagnostic[] = [];
  const files = new Map<string, string[]>();
  if (builds.length === 0) return { diagnostics, files };
  let browser: Browser;
  try {
    browser = await start.browser;
  } catch (e) {
    const what = options.pdf ? 'no PDF could be made' : 'the overflow check could not run';
    return { diagnostics: [error('', 0, `${(e as Error).message}; ${what}${options.pdf ? ' (--no-pdf builds the HTML decks alone)' : ''}`)], files };
  }
  try {
    for (const [i, b] of builds.entries()) {
      const file = b.source.displayFile;
      const pdf = options.pdf && b.deck.pdf;
      const exporting = pdf || (options.handout && b.deck.pdf);
      const timeoutMs = options.timeoutMs(b.slides.length);
      options.onProgress?.(`${exporting ? 'exporting PDFs of' : 'checking'} ${file} (${b.slides.length} slides)`);
      try {
        const dir = path.join(options.dir, b.source.slug);
        const result = await exportTalk(browser, {
          dir,
          slug: b.source.slug,
          deck: b.deck,
          pdf,
          handout: options.handout && b.deck.pdf,
          fragments: options.pdfFragments,
          png: options.png,
          pptx: options.pptx,
          timeoutMs,
          limits: options.limits ?? DECK_LIMITS,
          reuseTab: !!options.keepBrowser || i < builds.length - 1,
          uncoveredChars: b.uncoveredChars,
          printPage: b.printPage(),
          slideCount: b.slides.length,
          date: buildDate(b.source.file),
        });
        files.set(b.source.slug, result.files.map((f) => path.relative(dir, f).split(path.sep).join('/')));
        diagnostics.push(...reported(b, result));
      } catch (e) {
        const message = failure(e, timeoutMs);
        diagnostics.push(error(file, 0, `${message}; no PDF written for this talk`));
        if (!browser.connected) {
          for (const rest of builds.slice(i + 1)) diagnostics.push(error(rest.source.displayFile, 0, 'not exported: the browser stopped during an earlier talk'));
          break;
        }
      }
    }
  } finally {
    // Awaited by the run's close, after the output is swapped in: Chromium's end (its exit, its
    // profile removed, ~40 ms) overlaps the swap instead of coming before it.
    if (!options.keepBrowser) start.end().catch(() => {});
  }
  return { diagnostics, files };
}

/** What the browser found in one talk, each at its line: overflow, small text, broken images, fallback fonts, page errors, refused requests. */
function reported(b: TalkBuild, result: ExportResult): Diagnostic[] {
  const file = b.source.displayFile;
  // An address the build already warned of at its line ("would be fetched from the
  // network") is not reported again because the browser was refused it or could not load it.
  const named = (url: string) => b.diagnostics.some((d) => d.message.includes(`"${url}"`));
  const slides: Diagnostic[] = [];
  for (const s of result.slides) {
    for (const message of slideWarnings(s)) slides.push(warning(file, s.line, message));
    if (s.fitted) {
      slides.push(warning(file, s.line, `slide ${s.number} is zoomed out to ${Math.round(s.fitted.scale * 100)} % to fit, its text drawn at ${s.fitted.text.toFixed(0)} px (under ${MIN_TEXT_PX} px, too small for a room); split it in two`));
    }
    if (s.smallDiagramText !== undefined) {
      slides.push(warning(file, s.line, `slide ${s.number}: a diagram is scaled down to fit, its text drawn at ${s.smallDiagramText.toFixed(0)} px (under ${MIN_TEXT_PX} px, too small for a room); split it, simplify it or draw it left to right`));
    }
    for (const src of s.brokenImages.filter((u) => !named(u))) {
      // Its file was found and copied (or the build stopped before): the browser could not draw it.
      const asset = b.slides[s.number - 1]?.assets.find((a) => a.src === src);
      slides.push(warning(asset?.file ?? file, asset?.line ?? s.line, `slide ${s.number}: image "${src}" failed to load: the browser could not draw it (a damaged file, not a picture, or too many pixels); open it in an image editor and save it again at the size it is shown`));
    }
    for (const font of s.fallbackFonts) {
      slides.push(warning(file, s.line, `slide ${s.number}: text drawn in fallback font "${font}", which the deck does not ship (a theme naming a system font, or a glyph no font has)`));
    }
  }
  // Said once for the slides that share it (a theme's font): then what concerns the talk.
  const out = foldAcrossSlides(slides);
  out.push(...pptxWarnings(file, result));
  for (const family of result.failedFonts) out.push(warning(file, 0, `font "${family}" failed to load; its text falls back to a system font`));
  for (const n of result.longNotes) out.push(warning(file, b.slides[n - 1]?.line ?? 0, `notes of slide ${n} run past one handout page`));
  for (const message of result.pageErrors) out.push(warning(file, 0, `the page logged an error: ${message}`));
  for (const url of [...new Set(result.refused.network)].filter((u) => !named(u))) {
    const what = /^[a-z]+:\/\//.test(url) ? `a network request to ${url}` : `a connection to ${url} (https, a WebSocket or WebRTC)`;
    out.push(warning(file, 0, `blocked ${what}: decks must work offline; ship the file with the deck`));
  }
  for (const url of [...new Set(result.refused.outside)]) {
    out.push(error(file, 0, `the page asked for ${url}, outside the talk's folder, and was refused: a deck may only use its own files; copy it into the talk's folder and name it relatively`));
  }
  return out;
}

/** A talk's export that failed, in words: a Kamishibai error as it is, a write fault, a page that left itself, a timeout. */
function failure(e: unknown, timeoutMs: number): string {
  return e instanceof KamishibaiError
    ? e.message
    : (e as NodeJS.ErrnoException).code && (e as NodeJS.ErrnoException).syscall
      ? `could not write the exported files: ${writeFault(e as NodeJS.ErrnoException)}`
    : /Execution context was destroyed|detached Frame/i.test((e as Error).message)
      ? 'a script on a slide took the page elsewhere while it was exported (a meta refresh, or a change of location): a deck must stay on its page; remove that script'
    : (e as Error).name === 'TimeoutError'
      ? `the browser gave up after ${Math.round(timeoutMs / 1000)} s (does a script on a slide never finish? raise --timeout for a very large deck)`
      : `the browser failed: ${(e as Error).message.split('\n')[0]}`;
}

/** What the PowerPoint file could not keep: one warning a slide, at its line. */
function pptxWarnings(file: string, result: ExportResult): Diagnostic[] {
  if (!result.pptx) return [];
  const number = new Map(result.slides.map((s) => [s.line, s.number]));
  const byLine = new Map<number, string[]>();
  for (const p of result.pptx.pictured) byLine.set(p.line, [...(byLine.get(p.line) ?? []), p.what]);
  const out = [...byLine].map(([line, what]) => {
    const counted = [...new Set(what)].map((w) => (what.filter((x) => x === w).length > 1 ? `${what.filter((x) => x === w).length} × ${w}` : w));
    return warning(file, line, `slide ${number.get(line) ?? '?'}: in the PowerPoint file, ${counted.join(', ')} ${what.length > 1 ? 'become pictures' : 'becomes a picture'}, not editable there`);
  });
  for (const d of result.pptx.dropped) {
    out.push(warning(file, d.line, `slide ${number.get(d.line) ?? '?'}: the PowerPoint file leaves out ${d.chars.join(', ')}: control characters XML cannot hold; delete them from the slide`));
  }
  return out;
}
