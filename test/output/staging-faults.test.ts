// Issue 22: the disk-full and read-only cases wherever `npm test` runs, without root. The
// write calls the build makes (node:fs/promises) fail as the kernel would fail them, for paths
// under one folder only; staging.test.ts runs the same cases on a real tmpfs where it can mount.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { FIXTURES } from '../helpers/fixtures.js';
import { runCliHere } from '../helpers/cli.js';
import { leftovers, snapshot } from '../helpers/tree.js';

/** The fault now in force: calls on paths under `under` fail with `code`, after `allowed` writes pass. */
const fault = vi.hoisted(() => ({ under: '', code: '', allowed: 0, failed: 0 }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const hit = (file: unknown) => fault.under !== '' && typeof file === 'string' && (file === fault.under || file.startsWith(`${fault.under}/`));
  const failing = <A extends unknown[], R>(syscall: string, call: (...args: A) => Promise<R>, target: (...args: A) => unknown | Promise<unknown>, writes: boolean) =>
    (async (...args: A) => {
      const file = await target(...args);
      if (hit(file) && (!writes || fault.allowed-- <= 0)) {
        fault.failed++;
        throw Object.assign(new Error(`${fault.code}: ${syscall} '${String(file)}'`), { code: fault.code, syscall, path: file, errno: -28 });
      }
      return call(...args);
    }) as (...args: A) => Promise<R>;
  // Writing a file's data is where a full disk fails; a read-only one refuses every change.
  const readOnly = () => fault.code === 'EROFS';
  const changes = {
    writeFile: failing('write', fs.writeFile, (file) => String(file), true),
    copyFile: failing('copyfile', fs.copyFile, (_from, to) => String(to), true),
    // A folder that is there already is no change (mkdir -p of it passes on a read-only disk too).
    mkdir: failing('mkdir', fs.mkdir, async (dir) => (readOnly() && !(await fs.stat(dir).then(() => true, () => false)) ? String(dir) : ''), false),
    rename: failing('rename', fs.rename, (_from, to) => (readOnly() ? String(to) : ''), false),
  };
  return { ...fs, ...changes, default: { ...fs, ...changes } };
});

const tmp = mkdtempSync(path.join(tmpdir(), 'kamishibai-faults-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(() => Object.assign(fault, { under: '', code: '', allowed: 0, failed: 0 }));

/** Build the good talk, turn on `code` for the output's disk, build again: refused with `message`, the first output byte for byte. */
async function faultWhileWriting(name: string, code: string, allowed: number, message: RegExp) {
  const dir = path.join(tmp, name);
  cpSync(path.join(FIXTURES, 'cli', 'good'), path.join(dir, 'slides', 'good'), { recursive: true });
  const disk = path.join(tmp, `${name}-disk`);
  const out = path.join(disk, 'dist');
  expect((await runCliHere(['build', 'good', '--no-pdf', '--quiet', '--out', out], { cwd: dir })).code).toBe(0);
  const before = snapshot(out);
  Object.assign(fault, { under: disk, code, allowed });
  // --force: the talk is up to date, and an up-to-date build writes nothing.
  const r = await runCliHere(['build', 'good', '--no-pdf', '--force', '--out', out], { cwd: dir });
  expect(fault.failed).toBeGreaterThan(0);
  fault.under = '';
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(snapshot(out)).toEqual(before);
  expect(leftovers(out)).toEqual([]);
}

describe('faults while writing, injected: the previous output stays byte for byte', () => {
  it('the disk fills up part way through the new output', async () => {
    await faultWhileWriting('full', 'ENOSPC', 3, /error: could not write the output in \S+: the disk is full .*the previous output was left as it was/);
  });

  it('the disk is full from the first file', async () => {
    await faultWhileWriting('full-at-once', 'ENOSPC', 0, /the disk is full/);
  });

  it('the output folder is on a read-only file system', async () => {
    await faultWhileWriting('readonly', 'EROFS', 0, /error: could not write the output in \S+: the file system is read-only/);
  });
});
