// Issue 22: the disk-full and read-only cases wherever `npm test` runs, without root. The
// write calls the build makes (node:fs/promises) fail as the kernel would fail them, for paths
// under one folder only; staging.test.ts runs the same cases on a real tmpfs where it can mount.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../helpers/fixtures.js';
import { runCliHere } from '../helpers/cli.js';
import { leftovers, snapshot } from '../helpers/tree.js';
import { clearFault, fault, installFaults, removeFaults } from '../helpers/fs-faults.js';

beforeAll(installFaults);
afterAll(removeFaults);

const tmp = mkdtempSync(path.join(tmpdir(), 'kamishibai-faults-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(clearFault);

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
