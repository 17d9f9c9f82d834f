// Output safety through the CLI: --out may only name a folder a build owns, a build only
// replaces what a build made, and any failure leaves the previous output byte for byte.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../helpers/fixtures.js';
import { runCliHere } from '../helpers/cli.js';
import { leftovers, snapshot } from '../helpers/tree.js';
import { twoTalks } from '../helpers/two-talks.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'kamishibai-output-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A project of its own, in this file's temp folder. */
const project = (name: string) => twoTalks(tmp, name);

async function refused(dir: string, args: string[], message: RegExp) {
  const before = snapshot(dir);
  const r = await runCliHere(['build', '--no-pdf', ...args], { cwd: dir });
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(snapshot(dir)).toEqual(before);
}

describe('--out names only a folder a build may own', () => {
  const dir = project('rules');

  it('refuses the project folder and every folder above it', async () => {
    await refused(dir, ['--out', '.'], /error: --out \S+ is the project folder or a folder above it/);
    await refused(dir, ['--out', '..'], /is the project folder or a folder above it/);
  });

  it('refuses / at once, before any work', async () => {
    const started = Date.now();
    await refused(dir, ['slides/good', '--out', '/'], /--out \/ is the project folder or a folder above it/);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it("refuses a talk's folder, a folder inside one, and slides/ itself", async () => {
    await refused(dir, ['--out', 'slides/other'], /--out slides\/other is inside slides\/, which holds sources/);
    await refused(dir, ['slides/other', '--out', 'slides/other'], /--out slides\/other is (inside )?slides\/(other\/)?, which holds sources/);
    await refused(dir, ['--out', 'slides/good/out'], /is inside slides\//);
    await refused(dir, ['--out', 'slides'], /--out slides is slides\//);
    expect(existsSync(path.join(dir, 'slides', 'other', 'assets', 'photo.png'))).toBe(true);
  });

  it('refuses a file', async () => {
    await refused(dir, ['--out', 'notes.txt'], /--out notes\.txt is a file, not a folder/);
    expect(readFileSync(path.join(dir, 'notes.txt'), 'utf8')).toBe('my notes\n');
  });

  it('refuses a folder that holds files no build made', async () => {
    mkdirSync(path.join(dir, 'mine'));
    writeFileSync(path.join(dir, 'mine', 'thesis.tex'), 'x');
    await refused(dir, ['--out', 'mine'], /--out mine holds files that no Kamishibai build made \(thesis\.tex\)/);
  });
});

describe('a build replaces only what a build made', () => {
  it('rebuilds its own output, drops what the deck no longer uses, and keeps the other talks', async () => {
    const dir = project('own');
    expect((await runCliHere(['build', '--no-pdf', '--quiet'], { cwd: dir })).code).toBe(0);
    expect(existsSync(path.join(dir, 'dist', 'other', 'assets', 'photo.png'))).toBe(true);
    writeFileSync(path.join(dir, 'slides', 'other', 'slides.md'), '# Other, without a photo\n');
    expect((await runCliHere(['build', 'other', '--no-pdf', '--quiet'], { cwd: dir })).code).toBe(0);
    expect(existsSync(path.join(dir, 'dist', 'other', 'assets', 'photo.png'))).toBe(false);
    expect(existsSync(path.join(dir, 'dist', 'good', 'images', 'red.png'))).toBe(true);
    expect(readFileSync(path.join(dir, 'dist', 'index.html'), 'utf8')).toMatch(/good\/index\.html[\s\S]*other\/index\.html|other\/index\.html[\s\S]*good\/index\.html/);
    expect(leftovers(path.join(dir, 'dist'))).toEqual([]);
  });

  it('a file put into the output by hand stops the build, which names it', async () => {
    const dir = project('foreign');
    expect((await runCliHere(['build', '--no-pdf', '--quiet'], { cwd: dir })).code).toBe(0);
    writeFileSync(path.join(dir, 'dist', 'good', 'my-notes.md'), 'mine');
    await refused(dir, ['good'], /holds files that no build made \(good\/my-notes\.md\)/);
    await refused(dir, [], /holds files that no build made \(good\/my-notes\.md\)/);
    // A talk not being rebuilt may hold it: that build does not touch good/.
    expect((await runCliHere(['build', 'other', '--no-pdf', '--quiet'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(path.join(dir, 'dist', 'good', 'my-notes.md'), 'utf8')).toBe('mine');
  });
});

describe('the output list is read as untrusted', () => {
  /** Build good into a fresh folder, let `tamper` change it, build again: refused, `victim` untouched. */
  async function tampered(name: string, tamper: (out: string, victim: string) => void, message: RegExp) {
    const dir = project(name);
    const out = path.join(tmp, `${name}-site`);
    const elsewhere = path.join(tmp, `${name}-elsewhere`);
    mkdirSync(elsewhere);
    const victim = path.join(elsewhere, 'notes.txt');
    writeFileSync(victim, 'keep me\n');
    expect((await runCliHere(['build', 'good', '--no-pdf', '--quiet', '--out', out], { cwd: dir })).code).toBe(0);
    tamper(out, victim);
    const before = snapshot(elsewhere);
    // --force: the talk is up to date, and an up-to-date build writes nothing.
    const r = await runCliHere(['build', 'good', '--no-pdf', '--force', '--out', out], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(snapshot(elsewhere)).toEqual(before);
  }
  const edit = (out: string, change: (m: { talks: Record<string, string[]>; index: string[] }) => void) => {
    const file = path.join(out, '.kamishibai-output.json');
    const m = JSON.parse(readFileSync(file, 'utf8'));
    change(m);
    writeFileSync(file, JSON.stringify(m));
  };

  it('trust-b 20: an entry that leaves --out makes the folder not a build\'s, and nothing outside it is deleted', async () => {
    await tampered('crafted-index', (out, victim) => edit(out, (m) => m.index.push(path.relative(out, victim))), /error: --out \S+ has an output list \(\.kamishibai-output\.json\) naming "\.\.\/crafted-index-elsewhere\/notes\.txt", outside the folder/);
    await tampered('crafted-abs', (out, victim) => edit(out, (m) => m.index.push(victim)), /naming "\/\S+\/notes\.txt", outside the folder/);
    await tampered('crafted-talk', (out) => edit(out, (m) => (m.talks['..'] = ['crafted-talk-elsewhere/notes.txt'])), /naming "\.\.", outside the folder/);
  });

  it('a link in --out stops the build, which would write through it', async () => {
    (await tampered(
      'linked',
      (out, victim) => {
        rmSync(path.join(out, 'assets'), { recursive: true });
        symlinkSync(path.dirname(victim), path.join(out, 'assets'));
      },
      /error: --out \S+ holds a link \(assets -> \S+linked-elsewhere\), which no build makes and a build could write through/,
    ));
  });
});

describe('issue 21 item 1: a loose deck, outside any project', () => {
  const home = mkdtempSync(path.join(tmpdir(), 'kamishibai-loose-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));
  writeFileSync(path.join(home, 'talk.md'), '# My talk\n\n![photo](photo.png)\n');
  cpSync(path.join(FIXTURES, 'cli', 'good', 'images', 'red.png'), path.join(home, 'photo.png'));

  it('builds into dist beside it, from its folder or from anywhere, again and again, and into another folder beside it', async () => {
    expect((await runCliHere(['build', 'talk.md', '--no-pdf', '--quiet'], { cwd: home }))).toMatchObject({ code: 0, stderr: '' });
    expect(existsSync(path.join(home, 'dist', 'talk', 'photo.png'))).toBe(true);
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'kamishibai-elsewhere-'));
    expect((await runCliHere(['build', path.join(home, 'talk.md'), '--no-pdf', '--quiet'], { cwd: elsewhere }))).toMatchObject({ code: 0, stderr: '' });
    expect(readdirSync(elsewhere)).toEqual([]);
    rmSync(elsewhere, { recursive: true });
    expect((await runCliHere(['build', 'talk.md', '--no-pdf', '--quiet', '--out', 'out2'], { cwd: home })).code).toBe(0);
    expect(existsSync(path.join(home, 'out2', 'talk', 'index.html'))).toBe(true);
    expect(readdirSync(home).sort()).toEqual(['dist', 'out2', 'photo.png', 'talk.md']);
  });

  it('refuses only a folder that holds the deck or files no build made, and suggests one it would accept', async () => {
    mkdirSync(path.join(home, 'thesis'));
    writeFileSync(path.join(home, 'thesis', 'draft.tex'), 'x');
    for (const [out, message] of [
      ['.', /--out \. is the project folder or a folder above it, which a build would replace; use a folder of its own, such as (\S+)$/m],
      ['thesis', /--out thesis holds files that no Kamishibai build made \(draft\.tex\); name a new or empty folder, such as (\S+), or move them out$/m],
    ] as const) {
      const before = snapshot(home);
      const r = await runCliHere(['build', 'talk.md', '--no-pdf', '--out', out], { cwd: home });
      expect(r.code).toBe(1);
      const suggested = message.exec(r.stderr)?.[1];
      expect(suggested).toBeDefined();
      expect(suggested).not.toBe(out);
      expect(snapshot(home)).toEqual(before);
      expect((await runCliHere(['build', 'talk.md', '--no-pdf', '--quiet', '--out', suggested!], { cwd: home })).code).toBe(0);
    }
  });

  it('a deck that names a file in its output folder is refused: the output is not the deck\'s to publish', async () => {
    writeFileSync(path.join(home, 'again.md'), '# Again\n\n![old](dist/talk/photo.png)\n');
    const r = await runCliHere(['build', 'again.md', 'talk.md', '--no-pdf', '--out', 'dist'], { cwd: home });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/again\.md:3:1: error: image "dist\/talk\/photo\.png" is in the output folder dist\/, which a build replaces/);
  });
});

