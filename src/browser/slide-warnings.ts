// The warnings a slide's report gives (inspect.ts measures, contrast.ts adds the contrast):
// what the slide loses past its frame, cut off by a box, or to text too faint to read, each
// with what to do about it.
import type { Edge, LowContrast, SlideReport } from './inspect.js';

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
