// ```mermaid blocks drawn at build time: every diagram type Mermaid's docs show becomes an
// SVG in the deck and vector text in the PDF, offline; a broken one is an error at its
// line; a drawn diagram is cached, so a later build needs no browser for it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { pdfInfo, pdfText } from '../helpers/pdf.js';
import { drawDiagrams } from '../../src/adapters/diagrams.js';
import { findBrowser } from '../../src/browser/find.js';
import { runBrowser } from '../../src/browser/session.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'kamishibai-diagrams-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const deck = 'test/fixtures/diagrams/all';
// A word each diagram draws, page by page.
const labels = ['Draft', 'Question', 'build()', 'Rehearsing', 'SPEAKER', 'Outline', 'Writing', 'Pizza', 'First meetup'];

let built: ReturnType<typeof runCli>;
beforeAll(() => {
  built = runCli(['build', deck, '--out', tmp, '--strict', '--no-handout']);
});

describe('Mermaid diagrams', () => {
  it('become SVGs in the deck: flowchart, sequence, class, state, ER, Gantt, pie, mindmap, timeline', () => {
    expect(built.stderr).not.toMatch(/warning|error/);
    expect(built.code).toBe(0);
    const page = readFileSync(path.join(tmp, 'all', 'index.html'), 'utf8');
    expect(page).not.toContain('<pre class="mermaid">');
    const roles = [...page.matchAll(/<figure class="diagram"><svg[^>]*aria-roledescription="([^"]+)"/g)].map((m) => m[1]);
    expect(roles).toEqual(['flowchart-v2', 'sequence', 'classDiagram', 'stateDiagram', 'er', 'gantt', 'pie', 'mindmap', 'timeline']);
  });

  it('are vector in the PDF, their words text on their own page, with no picture', () => {
    const pdf = path.join(tmp, 'all', 'all.pdf');
    expect(pdfInfo(pdf).pages).toBe(9);
    labels.forEach((label, i) => expect(pdfText(pdf, { first: i + 1, last: i + 1 }), label).toContain(label));
    expect(execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean)).toEqual([]);
  });

  it('a diagram Mermaid cannot read is an error at its line in the deck', () => {
    const r = runCli(['build', 'test/fixtures/diagrams/broken', '--out', path.join(tmp, 'broken'), '--no-pdf']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/broken\/slides\.md:10:1: error: diagram: Parse error: Expecting .*got 'TAGEND'/);
  });

  it("held back (daocloud-zh): a note of several list lines, which Mermaid's SVG labels throw on, is drawn (with HTML labels)", () => {
    const r = runCli(['build', 'test/fixtures/diagrams/note-list', '--out', path.join(tmp, 'note-list'), '--no-pdf']);
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    const page = readFileSync(path.join(tmp, 'note-list', 'note-list', 'index.html'), 'utf8');
    expect(page).toMatch(/<figure class="diagram"><svg[^>]*aria-roledescription="stateDiagram"/);
    expect(page).toContain('three');
  });

  it('--no-pdf draws them too, and a drawn diagram needs no browser the next time', () => {
    const dir = path.join(tmp, 'fresh');
    mkdirSync(dir);
    const word = `Node${process.pid}x${Date.now()}`;
    writeFileSync(path.join(dir, 'slides.md'), `## New\n\n\`\`\`mermaid\nflowchart LR\n  A --> ${word}\n\`\`\`\n`);
    const out = path.join(tmp, 'fresh-out');
    expect(runCli(['build', dir, '--out', out, '--no-pdf', '--quiet']).code).toBe(0);
    expect(readFileSync(path.join(out, 'fresh', 'index.html'), 'utf8')).toContain(word);
    const again = runCli(['build', dir, '--out', out, '--no-pdf', '--quiet', '--browser-path', '/nonexistent/chromium']);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(readFileSync(path.join(out, 'fresh', 'index.html'), 'utf8')).toMatch(new RegExp(`<figure class="diagram"><svg[\\s\\S]*${word}`));
  });
});

describe('trust-b 07, issue 20 item 10: what shapes a diagram, and its limits', () => {
  const look = { dark: false, lang: 'en', background: '#ffffff', text: '#222222', accent: '#b3261e', fill: '#f0ede6', line: '#57524b' };
  const chromium = runBrowser({ timeoutMs: () => 60_000 });
  afterAll(() => chromium.close());
  const options = (cacheDir: string) => ({ cacheDir, faces: [], timeoutMs: 60_000, browser: () => chromium.get() });

  it('a lang written into the page Mermaid draws in cannot run a script there, and each lang has its own cache entry', async () => {
    const cacheDir = path.join(tmp, 'cache-07');
    const code = 'flowchart LR\n  Victim --> Talk';
    const evil = `en"><script>Object.defineProperty(window,"mermaid",{configurable:true,set(m){const r=m.render.bind(m);m.render=(i,c)=>r(i,c).then((x)=>({svg:x.svg.replace("</svg>","<text>POISONED</text></svg>")}));window.__m=m},get(){return window.__m}})</script><b x="`;
    const [poisoned] = await drawDiagrams([{ code, look: { ...look, lang: evil } }], options(cacheDir));
    expect(poisoned).toHaveProperty('svg');
    expect(JSON.stringify(poisoned)).not.toContain('POISONED');
    const [plain] = await drawDiagrams([{ code, look }], options(cacheDir));
    expect(JSON.stringify(plain)).not.toContain('POISONED');
    expect(readdirSync(path.join(cacheDir, 'diagrams'))).toHaveLength(2);
  }, 180_000);

  it('a diagram over Mermaid\'s text limit is an error at its fence, not a picture of the message', () => {
    const dir = path.join(tmp, 'huge');
    mkdirSync(dir);
    const nodes = Array.from({ length: 50 }, (_, i) => `  N${i}[${'word '.repeat(240)}] --> N${i + 1}`).join('\n');
    writeFileSync(path.join(dir, 'slides.md'), `# Big\n\n\`\`\`mermaid\nflowchart LR\n${nodes}\n\`\`\`\n`);
    const r = runCli(['build', dir, '--out', path.join(tmp, 'huge-out'), '--no-pdf']);
    expect(r.stderr).toMatch(/huge\/slides\.md:3:1: error: diagram: the diagram is \d+ characters, over Mermaid's limit of 50000; split it in two or simplify it/);
    expect(r.code).toBe(1);
  }, 180_000);
});

describe('one Chromium per build (issue 22)', () => {
  /** A deck with a diagram no build has drawn yet (the cache is shared), in a folder of its own. */
  function newDiagramDeck(name: string): string {
    const dir = path.join(tmp, name);
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'slides.md'), `## New\n\n\`\`\`mermaid\nflowchart LR\n  A --> ${name}${process.pid}x${Date.now()}\n\`\`\`\n`);
    return dir;
  }

  it('a deck with a new Mermaid diagram launches Chromium once: diagrams and the export share it', () => {
    const launches = path.join(tmp, 'launches.txt');
    const counting = path.join(tmp, 'counting-chromium.sh');
    writeFileSync(counting, `#!/bin/sh\necho launch >> '${launches}'\nexec '${findBrowser()}' "$@"\n`, { mode: 0o755 });
    const r = runCli(['build', newDiagramDeck('once'), '--out', path.join(tmp, 'once-out'), '--no-handout', '--quiet', '--browser-path', counting]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(launches, 'utf8').trim().split('\n')).toEqual(['launch']);
  });

  it('--timeout reaches Mermaid: a browser slower to start than the limit fails the diagram', () => {
    // The real Chromium, started late, as on a machine too loaded to start it in time.
    const slow = path.join(tmp, 'slow-chromium.sh');
    writeFileSync(slow, `#!/bin/sh\nsleep 3\nexec '${findBrowser()}' "$@"\n`, { mode: 0o755 });
    const r = runCli(['build', newDiagramDeck('slow'), '--out', path.join(tmp, 'slow-out'), '--no-pdf', '--browser-path', slow, '--timeout', '1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/could not start the browser at .*slow-chromium\.sh: it did not start within 1 s/);
  });
});
