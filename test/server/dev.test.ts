// serve() (npm run dev) and build() open a run the same way: every run option that changes
// the deck makes the same page in both, and dev reports the build's warnings (issue 22).
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build, serve, type ServeEvent } from '../../src/index.js';
import { talkSource } from '../../src/run/talks.js';
import { FIXTURES } from '../helpers/fixtures.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'kamishibai-serve-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const deckDir = path.join(tmp, 'deck');
cpSync(path.join(FIXTURES, 'serve', 'run-options'), deckDir, { recursive: true });
const deckFile = path.join(deckDir, 'slides.md');

/** The deck page without what only a PDF export decides (its download links, og:image), and its styles. */
const page = (dir: string) =>
  readFileSync(path.join(dir, 'index.html'), 'utf8')
    .replace(/<nav class="deck-downloads"[\s\S]*?<\/nav>\n?/, '')
    .replace(/<meta property="og:image"[^>]*>\n?/, '') + readFileSync(path.join(dir, 'assets', 'kamishibai.css'), 'utf8');

type Options = Parameters<typeof build>[0] & Parameters<typeof serve>[0];

async function built(name: string, options: Partial<Options>, file = deckFile): Promise<string> {
  const out = path.join(tmp, `build-${name}`);
  const r = await build({ root: tmp, inputs: [file], outDir: out, pdf: false, ...options });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return page(path.join(out, 'deck'));
}

async function served(name: string, options: Partial<Options>, file = deckFile): Promise<{ html: string; events: ServeEvent[] }> {
  const parent = path.join(tmp, `dev-${name}`);
  mkdirSync(parent);
  const events: ServeEvent[] = [];
  const server = await serve({ root: tmp, talk: talkSource(file), port: 0, tempParent: parent, onEvent: (e) => events.push(e), ...options });
  try {
    const [dir] = readdirSync(parent).filter((f) => f.startsWith('kamishibai-dev-'));
    return { html: page(path.join(parent, dir!, 'deck')), events };
  } finally {
    await server.close();
  }
}

const cases: [string, Partial<Options>][] = [
  ['separator', { separator: '<!--s-->' }],
  ['vertical-separator', { separator: '<!--s-->', verticalSeparator: '^----$' }],
  ['theme', { theme: 'kamishibai-dark' }],
  ['dialect', { dialect: 'marp' }],
  ['base-url', { baseUrl: 'https://talks.example/' }],
];

describe('dev and build read a deck the same way', () => {
  let plain: Promise<string> | undefined;
  it.each(cases)('--%s makes the same page in dev as in build, and a different one than without it', async (name, options) => {
    plain ??= built('plain', {});
    const fromBuild = await built(name, options);
    const fromDev = await served(name, options);
    expect(fromBuild).not.toBe(await plain);
    expect(fromDev.html).toBe(fromBuild);
  });

  it('--root: a picture above the deck\'s folder is published and named the same in dev as in build', async () => {
    const rooted = path.join(tmp, 'rooted');
    mkdirSync(path.join(rooted, 'deck'), { recursive: true });
    mkdirSync(path.join(rooted, 'shared'), { recursive: true });
    writeFileSync(path.join(rooted, 'shared', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>');
    writeFileSync(path.join(rooted, 'deck', 'slides.md'), '# Rooted\n\n![logo](../shared/logo.svg)\n');
    const file = path.join(rooted, 'deck', 'slides.md');
    const fromBuild = await built('root', { fileRoot: rooted }, file);
    expect(fromBuild).toMatch(/<img[^>]+src="_root\/shared\/logo\.svg"/);
    expect((await served('root', { fileRoot: rooted }, file)).html).toBe(fromBuild);
  });

  it("issue 22: --separator '<!--s-->' serves the 3 slides build makes, not 1", async () => {
    const { html } = await served('three', { separator: '<!--s-->' });
    expect(html.match(/<section[ >]/g)!.length).toBeGreaterThanOrEqual(3);
  });

  it("dev's built event carries the build's warnings", async () => {
    const r = await build({ root: tmp, inputs: [deckFile], outDir: path.join(tmp, 'warned'), pdf: false });
    const warnings = r.diagnostics.filter((d) => d.severity === 'warning');
    expect(warnings.length).toBeGreaterThan(0);
    const { events } = await served('warned', {});
    const builtEvent = events.find((e) => e.type === 'built');
    expect(builtEvent && 'diagnostics' in builtEvent ? builtEvent.diagnostics : undefined).toEqual(warnings);
  });

  it('a bad run option is refused by the library as by the CLI', async () => {
    const r = await build({ root: tmp, inputs: [deckFile], outDir: path.join(tmp, 'bad'), pdf: false, baseUrl: 'talks.example' });
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => d.message)).toEqual(['--base-url takes the site\'s address, such as https://you.github.io/talks/; got "talks.example"']);
    await expect(serve({ root: tmp, talk: talkSource(deckFile), port: 0, tempParent: tmp, separator: '(' })).rejects.toThrow(/--separator takes a regular expression/);
  });
});

describe('saves while dev serves', () => {
  /** dev on a copy of the deck, its events, and a wait for the first event (from `from` on) that `match` accepts. */
  async function serving(name: string) {
    const dir = path.join(tmp, `saves-${name}`);
    cpSync(deckDir, dir, { recursive: true });
    const events: ServeEvent[] = [];
    const server = await serve({ root: tmp, talk: talkSource(path.join(dir, 'slides.md')), port: 0, tempParent: tmp, onEvent: (e) => events.push(e) });
    const next = async (from: number, match: (e: ServeEvent) => boolean) => {
      for (let waited = 0; waited < 10_000; waited += 20) {
        const found = events.slice(from).find(match);
        if (found) return found;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`no such event within 10 s; had ${JSON.stringify(events.slice(from).map((e) => e.type))}`);
    };
    return { file: path.join(dir, 'slides.md'), events, next, close: () => server.close() };
  }

  it('a save in two writes 150 ms apart (truncate, then the text) is one build, with no "deck is empty" between', async () => {
    const dev = await serving('two-writes');
    try {
      const text = readFileSync(dev.file, 'utf8');
      const from = dev.events.length;
      writeFileSync(dev.file, '');
      await new Promise((r) => setTimeout(r, 150));
      writeFileSync(dev.file, text.replace('# One', '# One, saved'));
      await dev.next(from, (e) => e.type === 'built' && e.reloaded);
      expect(dev.events.slice(from).filter((e) => e.type === 'failed')).toEqual([]);
    } finally {
      await dev.close();
    }
  });

  it('a deck left empty is still reported, once the wait for the rest of a save is over', async () => {
    const dev = await serving('left-empty');
    try {
      const from = dev.events.length;
      writeFileSync(dev.file, '');
      const failed = await dev.next(from, (e) => e.type === 'failed');
      expect(failed.type === 'failed' && failed.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/^deck is empty/)]);
    } finally {
      await dev.close();
    }
  });
});
