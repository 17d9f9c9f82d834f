// The warnings a slide's report gives (inspect.ts measures, contrast.ts adds the contrast):
// what the slide loses past its frame, cut off by a box, or to text too faint to read, each
// with what to do about it.
import type { Edge, LowContrast, SlideReport } from './inspect.js';
import type { Diagnostic } from '../core/errors.js';

const sides = (by: Record<Edge, number>) => (['top', 'bottom', 'left', 'right'] as const).filter((e) => by[e] > 1);

/** The warnings about what a slide loses: content past its frame, cut off by a box, text too faint to read. */
export function slideWarnings(s: SlideReport): string[] {
  const warnings: string[] = [];
  const past = sides(s.edges);
  if (past.length > 0) {
    const by = Math.ceil(Math.max(...past.map((e) => s.edges[e])));
    const band = s.overFooter && s.edges.bottom > 1 ? `, into ${s.band}` : '';
    const what = s.culprit === 'text' ? '' : ` (${s.culprit})`;
    // A picture is made smaller, not shortened: the height it fits at, in Marp's keyword.
    const src = /^image "(.*)"$/.exec(s.culprit)?.[1];
    const fix = src && s.fitHeight ? `give the picture a height that fits, h:${s.fitHeight} in its alt text (![h:${s.fitHeight}](${src})), or split the slide` : 'shorten it or split it in two';
    warnings.push(`slide ${s.number} overflows the frame by ${by} px at the ${past.join(' and ')}${band}${what}; ${fix}`);
  }
  // A box that hides a few px of its own content (a diagram's SVG drawn a hair past its box)
  // loses nothing a reader sees: only a real cut is reported.
  const cut = sides(s.cut).filter((e) => s.cut[e] > 4);
  if (cut.length > 0) {
    const by = Math.ceil(Math.max(...cut.map((e) => s.cut[e])));
    warnings.push(`slide ${s.number}: ${s.cutBy} cuts off ${by} px of its content at the ${cut.join(' and ')}; shorten ${cut.includes('right') ? 'its lines' : 'it'} or split the slide`);
  }
  // Content run into the footer covers it: said once, by the overflow.
  const low = s.overFooter ? s.lowContrast.filter((c) => !c.footer) : s.lowContrast;
  const shown = low.slice(0, 3);
  for (const [i, c] of shown.entries()) {
    const more = i === shown.length - 1 && low.length > shown.length ? ` (and ${low.length - shown.length} more text(s) on this slide)` : '';
    warnings.push(`slide ${s.number}: text "${c.text}" has a contrast of ${(Math.floor(c.ratio * 100) / 100).toFixed(2)}:1 against what is behind it, under the ${c.needed}:1 WCAG AA asks of text this size${more}; ${contrastFix(c)}`);
  }
  return warnings;
}

/** What to do about text hard to read: over a dark picture, the slide's light palette does it. */
function contrastFix(c: LowContrast): string {
  if (c.code) return `it is code coloured as .${c.code}: give that class a colour of more contrast in the deck's CSS (.reveal .${c.code} { color: ... })`;
  if (c.picture === 'dark') return 'it is over a dark picture: give the slide light text with <!-- .slide: class="invert" --> (or put the text on a band of colour)';
  if (c.picture === 'light') return 'it is over a light picture: choose a darker text colour, or put the text on a band of colour';
  return "change the text's colour or its background";
}

/** Slides that share a warning (a theme's system font, its footer's faint colour) before it is said once for them all. */
const FOLD_FROM = 3;

/**
 * The same warning on many slides, said once at the first with the slides it is on: a theme
 * naming a font the deck does not ship would otherwise be a line for each of 100 slides.
 */
export function foldAcrossSlides(diagnostics: Diagnostic[]): Diagnostic[] {
  const groups = new Map<string, { first: Diagnostic; slides: number[] }>();
  const keyOf = (d: Diagnostic) => (d.severity === 'warning' ? /^slide (\d+): (.*)$/s.exec(d.message) : null);
  for (const d of diagnostics) {
    const m = keyOf(d);
    if (!m) continue;
    const group = groups.get(m[2]!) ?? { first: d, slides: [] };
    group.slides.push(Number(m[1]));
    groups.set(m[2]!, group);
  }
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const m = keyOf(d);
    const group = m ? groups.get(m[2]!) : undefined;
    if (!group || group.slides.length < FOLD_FROM) out.push(d);
    else if (group.first === d) {
      const named = group.slides.slice(0, 3).join(', ');
      const more = group.slides.length > 3 ? ` and ${group.slides.length - 3} more` : '';
      out.push({ ...d, message: `slides ${named}${more}: ${m![2]}` });
    }
  }
  return out;
}
