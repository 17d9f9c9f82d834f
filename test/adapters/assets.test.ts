// The deck's own CSS (css:, style:, a slide's <style> and style="") through the real build:
// every file it names is checked as images are; remote addresses are not published.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { ROOT } from '../helpers/cli.js';

const work = mkdtempSync(path.join(tmpdir(), 'kamishibai-css-checks-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function problems(name: string, markdown: string): Promise<string[]> {
  const dir = path.join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'slides.md'), markdown);
  const r = await build({ root: ROOT, inputs: [dir], outDir: path.join(work, `${name}-out`), pdf: false });
  return r.diagnostics.map((d) => `${d.severity} ${d.line}: ${d.message.replaceAll(dir, '<talk>')}`);
}

describe("the deck's own CSS", () => {
  it("issue 20 item 13: a slide's <style> and style=\"image-set()\" get the checks css: gets", async () => {
    const found = await problems(
      'slide-style',
      '# A\n\n<style>\n.a { color: red }\n@import "../../../etc/passwd";\n@font-face { font-family: X; src: url(file:///etc/passwd); }\n</style>\n\n<div style="background-image:image-set(\'../../../etc/hosts\' 1x)">x</div>\n',
    );
    expect(found).toHaveLength(3);
    expect(found).toEqual(expect.arrayContaining([
      'error 9: file "../../../etc/hosts" is outside the talk\'s folder; move it into <talk>/ so it can be published with the deck (or build with --root naming a folder above it that holds the file)',
      'error 5: file "../../../etc/passwd" is outside the talk\'s folder; move it into <talk>/ so it can be published with the deck (or build with --root naming a folder above it that holds the file)',
      expect.stringMatching(/^error 6: "file:\/\/\/etc\/passwd" is a file: URL/),
    ]));
  }, 60_000);

  it('issue 20 item 13, again: CSS escapes, comments and entities that Chromium reads as url(), @import and image-set() are checked as written plainly', async () => {
    const found = await problems(
      'escaped',
      '# A\n\n<style>\n.a{background:u\\72l(file:///etc/passwd)}\n@font-face{font-family:U;src:\\75rl(file:///etc/hosts)}\n.c{background-image:\\75rl("../../../../../../etc/shadow")}\n@\\69mport/**/"file:///etc/hostname";\n</style>\n\n<div style="background:&#117;rl(file:///etc/group)">x</div>\n\n![t](https:tracker.example/x.gif)\n',
    );
    expect(found.filter((f) => f.startsWith('error')).map((f) => /"([^"]+)"/.exec(f)![1]).sort()).toEqual(['../../../../../../etc/shadow', 'file:///etc/group', 'file:///etc/hostname', 'file:///etc/hosts', 'file:///etc/passwd']);
    const gradient = await problems('gradient', '<!-- .slide: data-background-gradient="url(file:///etc/passwd), linear-gradient(#000, #111)" -->\n\n# A\n');
    expect(gradient).toEqual([expect.stringMatching(/^error 1: "file:\/\/\/etc\/passwd" is a file: URL/)]);
    expect(found).toEqual(expect.arrayContaining([expect.stringMatching(/^warning 12: "https:tracker\.example\/x\.gif" would be fetched from the network/)]));
  }, 60_000);

  it('issue 20 item 14: protocol-relative addresses in style: and a slide are remote, as http(s) ones', async () => {
    const found = await problems('remote', '---\nstyle: "@import \\"//x.example/c.css\\"; .a{background:url(//x.example/b.gif)}"\n---\n\n# A\n\n<style>.b { background: url(//tracker.example/x.gif) }</style>\n');
    expect(found).toEqual([
      expect.stringMatching(/^warning 7: "\/\/tracker\.example\/x\.gif" would be fetched from the network/),
      expect.stringMatching(/^error 2: in style: "\/\/x\.example\/c\.css" would be fetched from the network/),
      expect.stringMatching(/^error 2: in style: "\/\/x\.example\/b\.gif" would be fetched from the network/),
    ]);
  }, 60_000);

  it('issue 20 item 15: a path outside the folder is refused in the same words whether it exists or not', async () => {
    const found = await problems('outside', '---\nstyle: ".a{background:url(../../../etc/passwd)} .b{background:url(../../../etc/nonexistent)}"\n---\n\n# A\n');
    expect(found).toEqual([
      'error 2: in style: "../../../etc/passwd" is outside the talk\'s folder; copy the file into <talk>/ and name it relatively',
      'error 2: in style: "../../../etc/nonexistent" is outside the talk\'s folder; copy the file into <talk>/ and name it relatively',
    ]);
  }, 60_000);
});

describe('the style and script caches', () => {
  it("are keyed by the engine too: a new Kamishibai's CSS and client are bundled again, not read from the last one's cache", async () => {
    const { bundleClient, bundleStyles } = await import('../../src/adapters/assets.js');
    const cache = mkdtempSync(path.join(tmpdir(), 'kamishibai-asset-cache-'));
    try {
      const base = path.join(ROOT, 'templates', 'themes', 'base.css');
      const input = { files: [base], talkDir: path.dirname(base), templates: path.join(ROOT, 'templates'), codeStyle: { file: base, own: false }, math: false };
      const entries = () => readdirSync(path.join(cache, 'bundles')).length;
      await bundleStyles(input, cache, 'engine-1');
      const one = entries();
      await bundleStyles(input, cache, 'engine-1');
      expect(entries()).toBe(one);
      await bundleStyles(input, cache, 'engine-2');
      expect(entries()).toBeGreaterThan(one);
      const client = path.join(ROOT, 'src', 'client', 'main.ts');
      await bundleClient(client, cache, 'engine-1');
      const two = entries();
      await bundleClient(client, cache, 'engine-2');
      expect(entries()).toBeGreaterThan(two);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  }, 60_000);
});
