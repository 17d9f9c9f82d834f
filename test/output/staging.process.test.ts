// Output safety where the point is the process: the CLI run twice at once, its memory on a
// 2 GiB video, and a real small file system filled up or made read-only (tmpfs: root only).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, runCliHere } from '../helpers/cli.js';
import { leftovers, snapshot } from '../helpers/tree.js';
import { twoTalks } from '../helpers/two-talks.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'kamishibai-output-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A project of its own, in this file's temp folder. */
const project = (name: string) => twoTalks(tmp, name);

/** A small file system of its own, for the disk-full and read-only cases (tmpfs needs root; staging-faults.test.ts injects the same faults without it). */
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
async function faultWhileWriting(name: string, fault: (disk: string, before: Record<string, string>) => void, message: RegExp) {
  const dir = project(name);
  const disk = mountTmpfs(`${name}-disk`, 4096)!;
  try {
    const out = path.join(disk, 'dist');
    expect((await runCliHere(['build', 'good', '--no-pdf', '--quiet', '--out', out], { cwd: dir })).code).toBe(0);
    const before = snapshot(out);
    fault(disk, before);
    // --force: the talk is up to date, and an up-to-date build writes nothing.
    const r = await runCliHere(['build', 'good', '--no-pdf', '--force', '--out', out], { cwd: dir });
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
  it('disk full while writing the new output', async () => {
    await faultWhileWriting(
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

  it('a read-only output folder', async () => {
    await faultWhileWriting('readonly', (disk) => execFileSync('mount', ['-o', 'remount,ro', disk]), /error: could not write the output in \S+: the file system is read-only/);
  });
});

/** The CLI as a process of its own, so that two can run at once. */
function runCliAsync(args: string[], cwd: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

const talksIn = (out: string) => Object.keys(JSON.parse(readFileSync(path.join(out, '.kamishibai-output.json'), 'utf8')).talks).sort();

describe('builds into one folder at once', () => {
  it('trust-b 04 / issue 20 item 19: two builds of different talks at once both land in the manifest and the talk list', async () => {
    const dir = project('together');
    mkdirSync(path.join(dir, 'slides', 'third'));
    writeFileSync(path.join(dir, 'slides', 'third', 'slides.md'), '# Third\n');
    const out = path.join(tmp, 'together-site');
    expect((await runCliHere(['build', 'third', '--no-pdf', '--quiet', '--out', out], { cwd: dir })).code).toBe(0);
    const both = await Promise.all(['good', 'other'].map((t) => runCliAsync(['build', t, '--no-pdf', '--quiet', '--out', out], dir)));
    expect(both).toEqual([{ code: 0, stderr: '' }, { code: 0, stderr: '' }]);
    expect(talksIn(out)).toEqual(['good', 'other', 'third']);
    const list = readFileSync(path.join(out, 'index.html'), 'utf8');
    for (const t of ['good', 'other', 'third']) expect(list).toContain(`href="${t}/index.html"`);
    for (const t of ['good', 'other']) expect((await runCliHere(['build', t, '--no-pdf', '--quiet', '--out', out], { cwd: dir })).code).toBe(0);
    expect(leftovers(out)).toEqual([]);
  });

  it('the turn of a build that was killed while holding it goes stale, and the next build takes it', async () => {
    const dir = project('stale-turn');
    const out = path.join(tmp, 'stale-turn-site');
    mkdirSync(`${out}.lock`, { recursive: true });
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(`${out}.lock`, minuteAgo, minuteAgo);
    expect((await runCliHere(['build', 'good', '--no-pdf', '--quiet', '--out', out], { cwd: dir })).code).toBe(0);
    expect(talksIn(out)).toEqual(['good']);
    expect(leftovers(out)).toEqual([]);
  });
});

describe('media are copied, never read whole', () => {
  it('trust-b 10: a deck with a video over 2 GiB builds, the copy is whole, and memory stays low', async () => {
    const dir = path.join(tmp, 'big-media');
    mkdirSync(path.join(dir, 'slides', 'video'), { recursive: true });
    writeFileSync(path.join(dir, 'slides', 'video', 'slides.md'), '# Demo\n\n<video src="recording.mp4" controls></video>\n');
    // Sparse: the source takes no disk space; 2 GiB and one byte is past what one read can hold.
    const size = 2 * 1024 ** 3 + 1;
    writeFileSync(path.join(dir, 'slides', 'video', 'recording.mp4'), '');
    truncateSync(path.join(dir, 'slides', 'video', 'recording.mp4'), size);
    const out = path.join(dir, 'dist');
    const r = spawnSync('/usr/bin/time', ['-f', 'max-rss-kb %M', process.execPath, CLI, 'build', 'video', '--no-pdf', '--quiet', '--out', out], { cwd: dir, encoding: 'utf8', timeout: 300_000 });
    try {
      expect(r.stderr).not.toMatch(/error/);
      expect(r.status).toBe(0);
      expect(statSync(path.join(out, 'video', 'recording.mp4')).size).toBe(size);
      const rssKb = Number(/max-rss-kb (\d+)/.exec(r.stderr)![1]);
      expect(rssKb).toBeLessThan(400 * 1024);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
