// <!-- qr -->: a QR code a phone can read, drawn at build time.
import jsQRModule from 'jsqr';
import { describe, expect, it } from 'vitest';
import { qrSvg, readableAddress } from '../../src/core/qr.js';
import { readTalk, renderTalk } from '../../src/core/pipeline.js';
import { memoryEnv } from '../helpers/memory-env.js';

/** Read a QR SVG as a phone would: its squares as pixels, through a real decoder (jsQR). */
function decode(svg: string): string | undefined {
  const size = Number(/viewBox="0 0 (\d+)/.exec(svg)![1]);
  const scale = 4;
  const pixels = new Uint8ClampedArray(size * scale * size * scale * 4).fill(255);
  for (const [, x, y] of svg.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) {
    for (let dy = 0; dy < scale; dy++) {
      for (let dx = 0; dx < scale; dx++) {
        const i = ((Number(y) * scale + dy) * size * scale + Number(x) * scale + dx) * 4;
        pixels.set([0, 0, 0, 255], i);
      }
    }
  }
  return jsQR(pixels, size * scale, size * scale)?.data;
}

// jsqr is CommonJS whose types say `export default`: under NodeNext the function is the module's default.
type Decoder = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR = ((jsQRModule as unknown as { default?: Decoder }).default ?? jsQRModule) as unknown as Decoder;

describe('QR codes', () => {
  it('caption the address as a person types it: no https://, breaks after slashes, escaped', () => {
    expect(readableAddress('https://example.github.io/kamishibai/japan-ai-en/')).toBe('<span>example.github.io/</span><wbr><span>kamishibai/</span><wbr><span>japan-ai-en/</span>');
    expect(readableAddress('http://a.example/?q=<b>&x')).toBe('<span>http://a.example/</span><wbr><span>?q=&lt;b&gt;&amp;x</span>');
  });

  it('draw a code that a decoder reads back', async () => {
    for (const text of ['https://example.com/talks/japan-ai/', 'https://kamishibai.example/日本語?q=1']) expect(decode(await qrSvg(text))).toBe(text);
  });

  it("draw the talk's url for <!-- qr -->, any address for <!-- qr: ... -->, and nothing on the slide when there is no url yet", async () => {
    const talk = async (md: string) => {
      const env = await memoryEnv({ '/talk/slides.md': md });
      return renderTalk(await readTalk({ slug: 'talk', file: '/talk/slides.md', displayFile: 'slides.md' }, env), env);
    };
    const withUrl = await talk('---\ntitle: T\nurl: https://example.com/t/\n---\n\n## Thanks\n\n<!-- qr -->\n\n<!-- qr: https://example.org/ -->\n');
    expect(withUrl.diagnostics).toEqual([]);
    const codes = [...withUrl.slides[0]!.html.matchAll(/<svg class="qr"[\s\S]*?<\/svg>/g)].map((m) => decode(m[0]));
    expect(codes).toEqual(['https://example.com/t/', 'https://example.org/']);
    expect(withUrl.slides[0]!.html).toContain('<figcaption><span>example.com/</span><wbr><span>t/</span></figcaption>');
    // Before the talk has an address, no code and no hint to the audience (the build says once
    // that the talk has no url); the column that held the code goes, so the rest centres alone.
    const without = await talk('---\ntitle: T\n---\n\n<!-- layout: two-column -->\n## Thanks\n\nSlides\n\n<!-- column -->\n\n<!-- qr -->\n');
    expect(without.diagnostics).toEqual([]);
    expect(without.slides[0]!.html).not.toMatch(/qr|--base-url|url:/i);
    expect(without.slides[0]!.html.match(/class="column"/g)).toHaveLength(1);
  });

  it('issue 20 item 11: an address too long for any QR code is an error at its line with the limit; the other talk keeps its own', async () => {
    const env = await memoryEnv({
      '/talk/slides.md': `---\ntitle: T\n---\n\n## Thanks\n\n<!-- qr: https://example.org/${'x'.repeat(10_000)} -->\n`,
      '/other/slides.md': '---\ntitle: O\n---\n\n![gone](gone.png)\n',
    });
    const built = await renderTalk(await readTalk({ slug: 'talk', file: '/talk/slides.md', displayFile: 'slides.md' }, env), env);
    expect(built.diagnostics.map((d) => `${d.severity} ${d.line}: ${d.message}`)).toEqual(['error 7: this QR code holds 10,020 bytes; a QR code holds up to 2,331: link a short address instead']);
    const other = await renderTalk(await readTalk({ slug: 'other', file: '/other/slides.md', displayFile: 'other.md' }, env), env);
    expect(other.diagnostics.map((d) => d.line)).toEqual([5]);
  });

  it("issue 20 item 11, again: the talk's own url: too long is an error at the <!-- qr --> line, not the slide's first", async () => {
    const env = await memoryEnv({ '/talk/slides.md': `---\ntitle: T\nurl: https://example.org/${'x'.repeat(3_000)}\n---\n\n## Thanks\n\nSee you\n\n<!-- qr -->\n` });
    const built = await renderTalk(await readTalk({ slug: 'talk', file: '/talk/slides.md', displayFile: 'slides.md' }, env), env);
    expect(built.diagnostics.filter((d) => d.message.includes('QR')).map((d) => d.line)).toEqual([10]);
  });
});
