// The @import graph of a deck's own stylesheets, walked once per file before esbuild sees it.
import { describe, expect, it } from 'vitest';
import { readTalk, renderTalk } from '../../src/core/pipeline.js';
import { memoryEnv } from '../helpers/memory-env.js';

const source = { slug: 'talk', file: '/talk/slides.md', displayFile: 'talk/slides.md' };

/** n stylesheets, each importing every other one (or only the later ones: no cycle, 2^n paths). */
function graph(n: number, laterOnly: boolean): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 1; i <= n; i++) {
    const targets = Array.from({ length: n }, (_, j) => j + 1).filter((j) => (laterOnly ? j > i : j !== i));
    files[`/talk/c${i}.css`] = `${targets.map((j) => `@import "c${j}.css";`).join('\n')}\n.c${i} { color: red }\n`;
  }
  return files;
}

async function problems(files: Record<string, string>, front: string) {
  const env = await memoryEnv({ '/talk/slides.md': `---\n${front}\n---\n\n# A\n`, ...files });
  const built = await renderTalk(await readTalk(source, env), env);
  return built.diagnostics.map((d) => `${d.line}: ${d.message}`);
}

describe('the @import graph of css:', () => {
  it('issue 20 item 16: twelve stylesheets importing each other are one error at css:, each read once', async () => {
    const files = graph(12, false);
    const reads: string[] = [];
    const env = await memoryEnv({ '/talk/slides.md': '---\ncss: c1.css\n---\n\n# A\n', ...files });
    const readFile = env.readFile;
    env.readFile = (file) => (reads.push(file), readFile(file));
    const built = await renderTalk(await readTalk(source, env), env);
    expect(built.diagnostics.map((d) => `${d.line}: ${d.message}`)).toEqual([expect.stringMatching(/^2: c1\.css has an @import cycle.*import each stylesheet once/)]);
    // Each once by the walk; the entry once more for the diagrams' colours.
    for (const f of Object.keys(files)) expect(reads.filter((r) => r === f).length, f).toBe(f === '/talk/c1.css' ? 2 : 1);
  });

  it('refuses a graph without cycles but with thousands of import paths, and passes a plain chain', async () => {
    expect(await problems(graph(14, true), 'css: c1.css')).toEqual([expect.stringMatching(/^2: c1\.css imports its stylesheets by more than 1000 paths/)]);
    expect(await problems(graph(4, true), 'css: c1.css')).toEqual([]);
  });

  it('walks the @imports of style: too', async () => {
    expect(await problems(graph(3, false), 'style: "@import \'c1.css\';"')).toEqual([expect.stringMatching(/^2: style has an @import cycle/)]);
  });

  it("issue 20 item 16, again: walks the @imports of a slide's own <style>, which Chromium follows path by path, at the line of that <style>", async () => {
    const env = await memoryEnv({ '/talk/slides.md': '# A\n\n---\n\n# B\n\ntext\n\n<style>@import "c1.css";</style>\n', ...graph(12, false) });
    const built = await renderTalk(await readTalk(source, env), env);
    expect(built.diagnostics.map((d) => `${d.line}: ${d.message}`)).toEqual([expect.stringMatching(/^9: this slide's <style> has an @import cycle.*import each stylesheet once/)]);
    const plain = await memoryEnv({ '/talk/slides.md': '# A\n\n<style>@import "c1.css";</style>\n', ...graph(3, true) });
    expect((await renderTalk(await readTalk(source, plain), plain)).diagnostics.filter((d) => d.message.includes('@import'))).toEqual([]);
  });
});
