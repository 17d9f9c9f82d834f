// <ol class="cycle">: boxes placed round a loop at build time, an arrowhead after each.
import { describe, expect, it } from 'vitest';
import { readTalk, renderTalk } from '../../../src/core/pipeline.js';
import { memoryEnv } from '../../helpers/memory-env.js';

async function slideHtml(md: string): Promise<string> {
  const env = await memoryEnv({ '/talk/slides.md': md });
  const talk = await renderTalk(await readTalk({ slug: 'talk', file: '/talk/slides.md', displayFile: 'slides.md' }, env), env);
  expect(talk.diagnostics).toEqual([]);
  return talk.slides[0]!.html;
}

/** Each arrowhead's place and heading, from its transform. */
const heads = (html: string) =>
  [...html.matchAll(/transform="translate\(([\d.-]+) ([\d.-]+)\) rotate\(([\d.-]+)\)"/g)].map(([, x, y, r]) => ({ x: Number(x), y: Number(y), r: Number(r) }));

describe('cycle', () => {
  it('places the boxes clockwise from the top, with an arrowhead after each and the last one back to the first', async () => {
    const html = await slideHtml('## Loop\n\n1. One\n2. Two\n3. Three\n4. Four\n<!-- .element: class="cycle" -->\n');
    expect(html).toMatch(/<div class="cycle-figure"><svg class="cycle-track"[^>]*aria-hidden="true">/);
    const places = [...html.matchAll(/<li style="left:([\d.]+)%;top:([\d.]+)%/g)].map(([, l, t]) => [Number(l), Number(t)]);
    // top, right, bottom, left of the ellipse's centre
    expect(places).toHaveLength(4);
    expect(places[0]![0]).toBeCloseTo(50, 0);
    expect(places[1]![0]).toBeGreaterThan(50);
    expect(places[2]![1]).toBeGreaterThan(50);
    expect(places[3]![0]).toBeLessThan(50);
    const arrows = heads(html);
    expect(arrows).toHaveLength(4);
    // Between the top and the right box it heads right and down; the fourth, between the
    // left box and the top one, heads right and up: the loop closes.
    expect(arrows[0]!.r).toBeGreaterThan(0);
    expect(arrows[0]!.r).toBeLessThan(90);
    expect(arrows[3]!.r).toBeLessThan(0);
    expect(arrows[3]!.r).toBeGreaterThan(-90);
    expect(arrows[3]!.x).toBeLessThan(568);
    expect(arrows[3]!.y).toBeLessThan(210);
  });

  it('leaves other lists, and a one-item cycle, as they were', async () => {
    const html = await slideHtml('## Not a loop\n\n1. One\n<!-- .element: class="cycle" -->\n\n- a\n- b\n');
    expect(html).not.toContain('cycle-figure');
    expect(html).toContain('<ol class="cycle">');
  });
});
