// Diagrams drawn at build time: each ```mermaid block a slide holds becomes an SVG in the
// page (so in every PDF, offline), drawn by env.diagrams (Mermaid in Chromium, cached by
// content). A diagram Mermaid cannot read is an error at the deck's line.
import { decodeHTML } from 'entities';
import { error, type Checked, type Diagnostic } from './errors.js';
import { diagramsError } from './deck-size.js';
import { fenceTracker, isMermaid } from './markdown/fences.js';
import type { BuildEnv, DiagramLook } from './model.js';
import type { Slide } from './slides.js';

/** The theme's colours for diagrams: the last value each custom property gets in these stylesheets. */
export function diagramLook(css: string[], dark: boolean, lang: string): DiagramLook {
  const value = (...names: string[]) => {
    let found: string | undefined;
    for (const sheet of css) {
      for (const name of names) {
        for (const m of sheet.matchAll(new RegExp(`${name}\\s*:\\s*(#[0-9a-fA-F]{3,8}|rgba?\\([^)]*\\))`, 'g'))) found = m[1];
      }
    }
    return found;
  };
  return {
    dark,
    lang,
    background: value('--bg', '--r-background-color') ?? (dark ? '#1b1c20' : '#ffffff'),
    text: value('--fg', '--r-main-color') ?? (dark ? '#eeeeee' : '#222222'),
    accent: value('--accent', '--r-link-color') ?? '#b3261e',
    fill: value('--code-bg') ?? (dark ? '#2a2c33' : '#f0ede6'),
    line: value('--fg-muted') ?? (dark ? '#aaaaaa' : '#57524b'),
  };
}

const OPEN = '<pre class="mermaid">';
const CLOSE = '</pre>';

/** The diagram sources on a slide (render.ts marks them), found in one pass. */
function mermaidBlocks(html: string): { start: number; end: number; code: string }[] {
  const found: { start: number; end: number; code: string }[] = [];
  for (let at = html.indexOf(OPEN); at >= 0; at = html.indexOf(OPEN, at)) {
    const close = html.indexOf(CLOSE, at + OPEN.length);
    if (close < 0) break;
    found.push({ start: at, end: close + CLOSE.length, code: decodeHTML(html.slice(at + OPEN.length, close)) });
    at = close + CLOSE.length;
  }
  return found;
}

/** The line of each ```mermaid fence in the deck that opens one (not one shown inside another fence). */
function fenceLines(source: string): number[] {
  const inFence = fenceTracker();
  const lines: number[] = [];
  source.split('\n').forEach((text, i) => {
    const wasOpen = inFence.open;
    if (inFence(text) && !wasOpen && isMermaid(inFence.open!.info)) lines.push(i + 1);
  });
  return lines;
}

/** Replace each slide's diagram sources with their drawings; `source` finds each one's line. */
export async function drawDiagrams(slides: Slide[], source: string, file: string, look: DiagramLook, env: BuildEnv): Promise<Checked<Slide[]>> {
  const perSlide = slides.map((s) => mermaidBlocks(s.html));
  const blocks = perSlide.flat();
  if (blocks.length === 0 || !env.diagrams) return { value: slides, diagnostics: [] };
  // The fences in the deck, in order: the nth block on the slides is the nth fence.
  const fences = fenceLines(source);
  const tooMany = diagramsError(fences, blocks.length, file, env.limits);
  if (tooMany) return { value: slides, diagnostics: [tooMany] };
  const drawn = await env.diagrams(blocks.map((b) => ({ code: b.code, look })));
  const diagnostics: Diagnostic[] = [];
  let n = 0;
  const value = slides.map((slide, k) => {
    if (perSlide[k]!.length === 0) return slide;
    let html = '';
    let at = 0;
    for (const block of perSlide[k]!) {
      const i = n++;
      const result = drawn[i]!;
      html += slide.html.slice(at, block.start);
      at = block.end;
      if ('error' in result) diagnostics.push(error(file, (fences[i] ?? slide.line) + (result.line ?? 1), `diagram: ${result.error}`));
      else html += `<figure class="diagram">${result.svg}</figure>`;
    }
    return { ...slide, html: html + slide.html.slice(at) };
  });
  return { value, diagnostics };
}
