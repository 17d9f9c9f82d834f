// Which talks a build finds, and the output folder each gets: readable (letters of every
// script kept), distinct (two talks never share one), and always inside --out.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build, formatDiagnostic } from '../../src/index.js';
import { FIXTURES } from '../helpers/fixtures.js';
import { runCliHere } from '../helpers/cli.js';
import { snapshot } from '../helpers/tree.js';
import { displayPath as shown } from '../../src/io/paths.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'kamishibai-talks-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A project whose slides/ is the fixture folder test/fixtures/talks/<name>/. */
function project(name: string, fixture = name): string {
  const dir = path.join(tmp, name);
  cpSync(path.join(FIXTURES, 'talks', fixture), path.join(dir, 'slides'), { recursive: true });
  return dir;
}

const messages = (r: { diagnostics: Parameters<typeof formatDiagnostic>[0][] }) => r.diagnostics.map(formatDiagnostic);

describe('output folder names', () => {
  it('trust-b 01 / issue 20 item 20: talks named in CJK, Greek, Cyrillic or with spaces build into readable, distinct folders', async () => {
    const dir = project('scripts');
    const out = path.join(dir, 'dist');
    const r = await build({ root: dir, outDir: out, pdf: false });
    expect(messages(r)).toEqual([]);
    expect(readdirSync(out).filter((f) => !f.startsWith('.')).sort()).toEqual(['assets', 'index.html', 'Ελληνικά', 'Русский', '中国', '日本', '日本語-トーク'].sort());
    for (const [folder, talk] of [['日本', '日本'], ['中国', '中国'], ['日本語-トーク', '日本語 トーク']]) {
      expect(readFileSync(path.join(out, folder!, 'index.html'), 'utf8')).toContain(`Body of ${talk}`);
    }
    const list = readFileSync(path.join(out, 'index.html'), 'utf8');
    for (const folder of ['日本', '中国', '日本語-トーク', 'Ελληνικά', 'Русский']) expect(list).toContain(`href="${folder}/index.html"`);
  });

  it('trust-b 01: two talks whose names differ only in punctuation or spacing are an error naming both; nothing is written', async () => {
    const dir = project('collide');
    const r = await build({ root: dir, outDir: path.join(dir, 'dist'), pdf: false });
    expect(r.ok).toBe(false);
    expect(messages(r).join('\n')).toMatch(/my-talk\/slides\.md: error: builds into the output folder "my-talk", as \S*my talk\/slides\.md does; rename one of the two/);
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  it('trust-b 03: deck files named .md, ..md and ...md are refused by name; the output and its parent are left alone', async () => {
    const dir = project('dots');
    mkdirSync(path.join(dir, 'slides', 'keep'));
    writeFileSync(path.join(dir, 'slides', 'keep', 'slides.md'), '# Keep me\n');
    const out = path.join(dir, 'sandbox', 'out');
    expect((await build({ root: dir, inputs: [path.join(dir, 'slides', 'keep')], outDir: out, pdf: false })).ok).toBe(true);
    const before = snapshot(path.join(dir, 'sandbox'));
    for (const deck of ['.md', '..md', '...md']) {
      const r = await build({ root: dir, inputs: [path.join(dir, 'slides', deck)], outDir: out, pdf: false });
      expect(r.ok).toBe(false);
      expect(messages(r)).toEqual([`${shown(path.join(dir, 'slides', deck))}: error: the file's name has no letter or digit to name the talk's output folder after; rename the file, e.g. to my-talk`]);
      expect(snapshot(path.join(dir, 'sandbox'))).toEqual(before);
    }
  });

  it('trust-b 02: a talk named index keeps its deck page; --single-file writes index-single.html beside it', async () => {
    const dir = project('index-talk');
    const out = path.join(dir, 'dist');
    const r = await build({ root: dir, inputs: ['index'], outDir: out, pdf: false, singleFile: true });
    expect(messages(r)).toEqual([]);
    const page = readFileSync(path.join(out, 'index', 'index.html'), 'utf8');
    expect(page).toContain('INDEX-BODY');
    expect(page).toContain('assets/kamishibai.js');
    expect(readFileSync(path.join(out, 'index', 'index-single.html'), 'utf8')).toContain('INDEX-BODY');
    const listed = JSON.parse(readFileSync(path.join(out, '.kamishibai-output.json'), 'utf8')).talks.index as string[];
    expect(listed.filter((f) => f === 'index.html')).toHaveLength(1);
  });
});

describe('naming a talk', () => {
  it('issue 20 item 20: a talk is found by its folder name with spaces and non-ASCII, in NFC or NFD, or by its output folder name', async () => {
    const dir = project('names', 'scripts');
    // macOS writes names decomposed: "が" as か + U+3099.
    mkdirSync(path.join(dir, 'slides', 'がいど'.normalize('NFD')));
    writeFileSync(path.join(dir, 'slides', 'がいど'.normalize('NFD'), 'slides.md'), '# Guide\n');
    for (const name of ['日本語 トーク', '日本語-トーク', 'がいど'.normalize('NFC'), 'がいど'.normalize('NFD')]) {
      const r = await runCliHere(['build', name, '--no-pdf', '--out', path.join(tmp, 'names-out')], { cwd: dir });
      expect(r.stderr).not.toMatch(/no such deck|did you mean/);
      // Built the first time; then the same talk, found again, is up to date.
      expect(r.stderr).toMatch(/built 1 talk|^1 talk up to date/m);
    }
  });

  it('trust-b 22: a talk folder that is a link (slides/evil -> ..) is refused by name and skipped, with a warning, in a build of every talk', async () => {
    const dir = project('link', 'index-talk');
    writeFileSync(path.join(dir, 'index.md'), '# Our repository\n\n<iframe src="secret.txt"></iframe>\n');
    writeFileSync(path.join(dir, 'secret.txt'), 'TOKEN-123');
    symlinkSync('..', path.join(dir, 'slides', 'evil'));
    const out = path.join(tmp, 'link-site');
    const named = await build({ root: dir, inputs: ['evil'], outDir: out, pdf: false });
    expect(messages(named)).toEqual([`${shown(path.join(dir, 'slides', 'evil'))}: error: is a link (to ..), not a folder; a talk must be a folder of its own: move its files into one`]);
    const all = await build({ root: dir, outDir: out, pdf: false });
    expect(messages(all)).toEqual([expect.stringMatching(/slides\/evil: warning: is a link \(to \.\.\), not a folder: skipped/)]);
    expect(JSON.stringify(snapshot(out))).not.toContain(Buffer.from('TOKEN-123').toString('base64'));
  });

  it('trust-b 23: a folder named slides.md is an error at its path, and the other talks are still checked', async () => {
    const dir = project('eisdir', 'index-talk');
    mkdirSync(path.join(dir, 'slides', 'case23', 'slides.md'), { recursive: true });
    writeFileSync(path.join(dir, 'slides', 'index', 'slides.md'), '---\ntitel: x\n---\n\n# Typo\n');
    const r = await build({ root: dir, outDir: path.join(dir, 'dist'), pdf: false });
    expect(messages(r)).toEqual([
      `${shown(path.join(dir, 'slides', 'case23', 'slides.md'))}: error: is a folder, not a file; a talk's deck is a Markdown file`,
      expect.stringMatching(/index\/slides\.md:2:1: error: unknown front-matter key "titel"/),
    ]);
  });

  it('issue 20 item 18: a slides.md that is a named pipe is refused at once (not read, which would wait for a writer), through the CLI too', async () => {
    const dir = project('fifo', 'index-talk');
    mkdirSync(path.join(dir, 'slides', 'piped'));
    execFileSync('mkfifo', [path.join(dir, 'slides', 'piped', 'slides.md')]);
    const r = await runCliHere(['build', 'piped', '--no-pdf'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/slides\/piped\/slides\.md: error: is a named pipe, not a file; a talk's deck is a Markdown file/);
  });

  it('trust-b 26: a file the deck names at a path the build writes (index.html, og.png, <talk>.pdf) is an error at its line', async () => {
    const dir = project('generated');
    const r = await build({ root: dir, inputs: ['case26'], outDir: path.join(dir, 'dist'), pdf: false });
    const deck = shown(path.join(dir, 'slides', 'case26', 'slides.md'));
    expect(messages(r).sort()).toEqual([
      `${deck}:3:1: error: image "og.png" is at og.png, where the build writes the link-preview picture; rename it (and the link to it)`,
      `${deck}:5:1: error: file "index.html" is at index.html, where the build writes the deck page; rename it (and the link to it)`,
      `${deck}:7:1: error: file "case26.pdf" is at case26.pdf, where the build writes the slide PDF; rename it (and the link to it)`,
    ]);
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  });
});
