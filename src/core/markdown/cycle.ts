// A cycle (<ol class="cycle">) laid out at build time: its boxes round an ellipse, clockwise
// from the top, over an SVG of the track with an arrowhead between each box and the next (the
// last one points back at the first). Computed here, not with CSS trigonometry on
// pseudo-elements: Chromium printed those wrong (the PDF's loop lost its track and arrows).
import { parseDocument } from 'htmlparser2';
import { Element, isTag, type ParentNode } from 'domhandler';
import { appendChild, findAll, replaceElement } from 'domutils';

/** The figure's box in CSS pixels (a 16:9 slide's content width); narrower slides scale it. */
const WIDTH = 1136;
const HEIGHT = 420;
const RX = 360;
const RY = 150;
const BOX_WIDTH = 400;

const round = (n: number) => Math.round(n * 100) / 100;
const percent = (n: number) => `${round(n * 100)}%`;

/** Where on the track angle a (radians, clockwise from the top) is, and the way it runs there. */
function onTrack(a: number): { x: number; y: number; heading: number } {
  return {
    x: WIDTH / 2 + RX * Math.sin(a),
    y: HEIGHT / 2 - RY * Math.cos(a),
    heading: (Math.atan2(RY * Math.sin(a), RX * Math.cos(a)) * 180) / Math.PI,
  };
}

export function layOutCycles(doc: ParentNode): void {
  for (const ol of findAll((e) => e.name === 'ol' && (e.attribs.class ?? '').split(/\s+/).includes('cycle'), doc.children)) {
    const items = ol.children.filter(isTag).filter((e) => e.name === 'li');
    const n = items.length;
    if (n < 2) continue;
    const step = (2 * Math.PI) / n;
    const heads: string[] = [];
    items.forEach((li, i) => {
      const box = onTrack(i * step);
      const place = `left:${percent(box.x / WIDTH)};top:${percent(box.y / HEIGHT)};width:${percent(BOX_WIDTH / WIDTH)}`;
      li.attribs.style = li.attribs.style ? `${place};${li.attribs.style}` : place;
      const head = onTrack((i + 0.5) * step);
      heads.push(`<path d="M-16 -11L18 0L-16 11Z" transform="translate(${round(head.x)} ${round(head.y)}) rotate(${round(head.heading)})"/>`);
    });
    const svg = parseDocument(
      `<svg class="cycle-track" viewBox="0 0 ${WIDTH} ${HEIGHT}" aria-hidden="true"><ellipse cx="${WIDTH / 2}" cy="${HEIGHT / 2}" rx="${RX}" ry="${RY}"/>${heads.join('')}</svg>`,
      { xmlMode: true },
    ).children[0]!;
    const figure = new Element('div', { class: 'cycle-figure' });
    replaceElement(ol, figure);
    appendChild(figure, svg);
    appendChild(figure, ol);
  }
}
