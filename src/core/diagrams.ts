// Diagrams drawn at build time: each ```mermaid block a slide holds becomes an SVG in the
// page (so in every PDF, offline), drawn by env.diagrams (Mermaid in Chromium, cached by
// content). A diagram Mermaid cannot read is an error at the deck's line.
import { decodeHTML } from 'entities';
import { error, type Checked, type Diagnostic } from './errors.js';
import type { BuildEnv, DiagramLook } from './model.js';
import type { Slide } from './slides.js';

const BLOCK = /<pre class="mermaid">([\s\S]*?)<\/pre>/g;
const FENCE = /^ {0,3}(`{3,}|~{3,})\s*mermaid\b.*$/gm;

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

/** Replace each slide's diagram sources with their drawings; `source` finds each one's line. */
export async function drawDiagrams(slides: Slide[], source: string, file: string, look: DiagramLook, env: BuildEnv): Promise<Checked<Slide[]>> {
  const blocks = slides.flatMap((s) => [...s.html.matchAll(BLOCK)].map((m) => decodeHTML(m[1]!)));
  if (blocks.length === 0 || !env.diagrams) return { value: slides, diagnostics: [] };
  // The fences in the deck, in order: the nth block on the slides is the nth fence.
  const fenceLines = [...source.matchAll(FENCE)].map((m) => source.slice(0, m.index).split('\n').length);
  const drawn = await env.diagrams(blocks.map((code) => ({ code, look })));
  const diagnostics: Diagnostic[] = [];
  let n = 0;
  const value = slides.map((slide) => {
    if (!slide.html.includes('<pre class="mermaid">')) return slide;
    const html = slide.html.replace(BLOCK, () => {
      const i = n++;
      const result = drawn[i]!;
      const fence = fenceLines[i] ?? slide.line;
      if ('error' in result) {
        diagnostics.push(error(file, fence + (result.line ?? 1), `diagram: ${result.error}`));
        return '';
      }
      return `<figure class="diagram">${result.svg}</figure>`;
    });
    return { ...slide, html };
  });
  return { value, diagnostics };
}
