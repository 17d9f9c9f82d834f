// ```mermaid blocks drawn at build time: every diagram type Mermaid's docs show becomes an
// SVG in the deck and vector text in the PDF, offline; a broken one is an error at its
// line; a drawn diagram is cached, so a later build needs no browser for it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { pdfInfo, pdfText } from '../helpers/pdf.js';

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
