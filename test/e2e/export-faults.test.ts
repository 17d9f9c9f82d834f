// Issue 22: the disk fills up while the PDFs are written, wherever `npm test` runs (no root,
// no mount): the PDF writes under one folder fail with ENOSPC, the build before them having
// passed. The previous output stays byte for byte. check.test.ts runs it on a real tmpfs as root.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCliHere } from '../helpers/cli.js';
import { clearFault, fault, installFaults, removeFaults } from '../helpers/fs-faults.js';
import { leftovers, snapshot } from '../helpers/tree.js';

beforeAll(installFaults);
afterAll(removeFaults);

const tmp = mkdtempSync(path.join(tmpdir(), 'kamishibai-export-faults-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(clearFault);

describe('faults while exporting, injected', () => {
  it('the disk fills up while the PDFs are written: the previous output stays byte for byte', async () => {
    const deck = path.join(ROOT, 'test', 'fixtures', 'overflow', 'fits');
    const disk = path.join(tmp, 'disk');
    const out = path.join(disk, 'dist');
    expect((await runCliHere(['build', deck, '--out', out, '--quiet'])).code).toBe(0);
    const before = snapshot(out);
    expect(Object.keys(before).filter((f) => f.endsWith('.pdf')).length).toBeGreaterThan(0);
    Object.assign(fault, { under: disk, code: 'ENOSPC', only: /\.pdf/ });
    // --force: the talk is up to date, and an up-to-date build writes nothing.
    const r = await runCliHere(['build', deck, '--out', out, '--force']);
    expect(fault.failed).toBeGreaterThan(0);
    clearFault();
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error: could not write the exported files: the disk is full \(write\); no PDF written for this talk/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(snapshot(out)).toEqual(before);
    expect(leftovers(out)).toEqual([]);
  }, 180_000);
});
