// --single-file: what goes into the one page, and what cannot (said at its line).
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inlineDeck, MAX_INLINE_BYTES } from '../../src/core/single-file.js';
import { build } from '../../src/index.js';
import { ROOT } from '../helpers/cli.js';

const work = mkdtempSync(path.join(tmpdir(), 'kamishibai-single-unit-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('inlineDeck', () => {
  it('inlines video and audio sources as data, and names a frame page it cannot carry', () => {
    const page = '<video src="demo.mp4" poster="p.png" controls></video><iframe src="page.html"></iframe>';
    const { html, problems } = inlineDeck(page, [
      { path: 'demo.mp4', data: new Uint8Array([1, 2, 3]) },
      { path: 'p.png', data: new Uint8Array([4]) },
      { path: 'page.html', data: '<p>hello</p>' },
    ]);
    expect(html).toContain('<video src="data:video/mp4;base64,AQID" poster="data:image/png;base64,BA=="');
    expect(problems.map((p) => p.ref)).toEqual(['page.html']);
  });

  it('refuses a file over the limit instead of failing on a string too long', () => {
    const { problems } = inlineDeck('<img src="big.png">', [{ path: 'big.png', data: new Uint8Array(MAX_INLINE_BYTES + 1) }]);
    expect(problems).toEqual([{ ref: 'big.png', severity: 'error', message: expect.stringMatching(/over the 50 MB .*make it smaller/) }]);
  });

});

describe('a --single-file build', () => {
  async function buildWith(name: string, markdown: string, extra: (dir: string) => void) {
    const dir = path.join(work, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'slides.md'), markdown);
    extra(dir);
    return build({ root: ROOT, inputs: [dir], outDir: path.join(work, `${name}-out`), pdf: false, singleFile: true });
  }

  it('trust-b 21: a picture too big for one page is an error at its line, with the fix', async () => {
    const r = await buildWith('big', '# Pic\n\n![big](big.png)\n', (dir) => {
      writeFileSync(path.join(dir, 'big.png'), '');
      truncateSync(path.join(dir, 'big.png'), 60 * 1024 * 1024);
    });
    expect(r.diagnostics.map((d) => `${d.severity} ${d.line}: ${d.message}`)).toEqual([expect.stringMatching(/^error 3: --single-file: "big.png" is 60 MB, over the 50 MB .*publish the folder/)]);
  }, 120_000);

  it('trust-b 21: a video goes in; a page in a frame is named at its line', async () => {
    const r = await buildWith('media', '# Video\n\n<video src="demo.mp4" controls></video>\n\n<iframe src="page.html"></iframe>\n', (dir) => {
      writeFileSync(path.join(dir, 'demo.mp4'), new Uint8Array(1024));
      writeFileSync(path.join(dir, 'page.html'), '<p>hello page</p>\n');
    });
    expect(r.diagnostics.map((d) => `${d.severity} ${d.line}: ${d.message}`)).toEqual([expect.stringMatching(/^warning 5: --single-file: "page.html" stays a link to a file beside the page/)]);
  }, 60_000);
});
