// Output safety through the CLI: --out may only name a folder a build owns, a build only
// replaces what a build made, and any failure leaves the previous output byte for byte.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES } from './helpers/fixtures.js';
import { runCli } from './helpers/cli.js';
import { leftovers, snapshot } from './helpers/tree.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'kamishibai-output-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A project of its own: slides/good/ (the good fixture) and slides/other/, no templates (the engine's are used). */
function project(name: string): string {
  const dir = path.join(tmp, name);
  cpSync(path.join(FIXTURES, 'cli', 'good'), path.join(dir, 'slides', 'good'), { recursive: true });
  mkdirSync(path.join(dir, 'slides', 'other', 'assets'), { recursive: true });
  writeFileSync(path.join(dir, 'slides', 'other', 'slides.md'), '# Other\n\n![photo](assets/photo.png)\n');
  cpSync(path.join(FIXTURES, 'cli', 'good', 'images', 'red.png'), path.join(dir, 'slides', 'other', 'assets', 'photo.png'));
  writeFileSync(path.join(dir, 'notes.txt'), 'my notes\n');
  return dir;
}

function refused(dir: string, args: string[], message: RegExp) {
  const before = snapshot(dir);
  const r = runCli(['build', '--no-pdf', ...args], { cwd: dir });
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(snapshot(dir)).toEqual(before);
}

describe('--out names only a folder a build may own', () => {
  const dir = project('rules');

  it('refuses the project folder and every folder above it', () => {
    refused(dir, ['--out', '.'], /error: --out \S+ is the project folder or a folder above it/);
    refused(dir, ['--out', '..'], /is the project folder or a folder above it/);
  });

  it('refuses / at once, before any work', () => {
    const started = Date.now();
    refused(dir, ['slides/good', '--out', '/'], /--out \/ is the project folder or a folder above it/);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it("refuses a talk's folder, a folder inside one, and slides/ itself", () => {
    refused(dir, ['--out', 'slides/other'], /--out slides\/other is inside slides\/, which holds sources/);
    refused(dir, ['slides/other', '--out', 'slides/other'], /--out slides\/other is (inside )?slides\/(other\/)?, which holds sources/);
    refused(dir, ['--out', 'slides/good/out'], /is inside slides\//);
    refused(dir, ['--out', 'slides'], /--out slides is slides\//);
    expect(existsSync(path.join(dir, 'slides', 'other', 'assets', 'photo.png'))).toBe(true);
  });

  it('refuses a file', () => {
    refused(dir, ['--out', 'notes.txt'], /--out notes\.txt is a file, not a folder/);
    expect(readFileSync(path.join(dir, 'notes.txt'), 'utf8')).toBe('my notes\n');
  });

  it('refuses a folder that holds files no build made', () => {
    mkdirSync(path.join(dir, 'mine'));
    writeFileSync(path.join(dir, 'mine', 'thesis.tex'), 'x');
    refused(dir, ['--out', 'mine'], /--out mine holds files that no Kamishibai build made \(thesis\.tex\)/);
  });
});

describe('a build replaces only what a build made', () => {
  it('rebuilds its own output, drops what the deck no longer uses, and keeps the other talks', () => {
    const dir = project('own');
    expect(runCli(['build', '--no-pdf', '--quiet'], { cwd: dir }).code).toBe(0);
    expect(existsSync(path.join(dir, 'dist', 'other', 'assets', 'photo.png'))).toBe(true);
    writeFileSync(path.join(dir, 'slides', 'other', 'slides.md'), '# Other, without a photo\n');
    expect(runCli(['build', 'other', '--no-pdf', '--quiet'], { cwd: dir }).code).toBe(0);
    expect(existsSync(path.join(dir, 'dist', 'other', 'assets', 'photo.png'))).toBe(false);
    expect(existsSync(path.join(dir, 'dist', 'good', 'images', 'red.png'))).toBe(true);
    expect(readFileSync(path.join(dir, 'dist', 'index.html'), 'utf8')).toMatch(/good\/index\.html[\s\S]*other\/index\.html|other\/index\.html[\s\S]*good\/index\.html/);
    expect(leftovers(path.join(dir, 'dist'))).toEqual([]);
  });

  it('a file put into the output by hand stops the build, which names it', () => {
    const dir = project('foreign');
    expect(runCli(['build', '--no-pdf', '--quiet'], { cwd: dir }).code).toBe(0);
    writeFileSync(path.join(dir, 'dist', 'good', 'my-notes.md'), 'mine');
    refused(dir, ['good'], /holds files that no build made \(good\/my-notes\.md\)/);
    refused(dir, [], /holds files that no build made \(good\/my-notes\.md\)/);
    // A talk not being rebuilt may hold it: that build does not touch good/.
    expect(runCli(['build', 'other', '--no-pdf', '--quiet'], { cwd: dir }).code).toBe(0);
    expect(readFileSync(path.join(dir, 'dist', 'good', 'my-notes.md'), 'utf8')).toBe('mine');
  });
});

/** A small file system of its own, for the disk-full and read-only cases (tmpfs needs root). */
function mountTmpfs(name: string, kb: number): string | undefined {
  const dir = path.join(tmp, name);
  mkdirSync(dir);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${kb}k`, 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    return undefined;
  }
}
const unmount = (dir: string) => execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
const canMount = process.getuid?.() === 0 && mountTmpfs('probe', 64) !== undefined;
if (canMount) unmount(path.join(tmp, 'probe'));

/**
 * Build the good talk into a small disk of its own, do `fault` to that disk, build again:
 * the second build must fail with `message`, leaving the first one's output byte for byte.
 */
function faultWhileWriting(name: string, fault: (disk: string, before: Record<string, string>) => void, message: RegExp) {
  const dir = project(name);
  const disk = mountTmpfs(`${name}-disk`, 4096)!;
  try {
    const out = path.join(disk, 'dist');
    expect(runCli(['build', 'good', '--no-pdf', '--quiet', '--out', out], { cwd: dir }).code).toBe(0);
    const before = snapshot(out);
    fault(disk, before);
    const r = runCli(['build', 'good', '--no-pdf', '--out', out], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(snapshot(out)).toEqual(before);
    expect(leftovers(out)).toEqual([]);
  } finally {
    unmount(disk);
  }
}

describe.skipIf(!canMount)('faults while writing: the previous output stays byte for byte', () => {
  it('disk full while writing the new output', () => {
    faultWhileWriting(
      'full',
      (disk, before) => {
        // Leave less room than a second copy of the output needs.
        const used = Object.values(before).reduce((n, b) => n + (b.length * 3) / 4, 0);
        const free = Number(execFileSync('df', ['--output=avail', '-B1', disk], { encoding: 'utf8' }).split('\n')[1]);
        writeFileSync(path.join(disk, 'filler'), Buffer.alloc(Math.max(0, free - used / 2)));
      },
      /error: could not write the output in \S+: the disk is full .*the previous output was left as it was/,
    );
  });

  it('a read-only output folder', () => {
    faultWhileWriting('readonly', (disk) => execFileSync('mount', ['-o', 'remount,ro', disk]), /error: could not write the output in \S+: the file system is read-only/);
  });
});
