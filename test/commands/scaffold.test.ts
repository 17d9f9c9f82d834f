// `new`: a talk from the starter deck, refused with a reason when its name cannot be one.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliHere } from '../helpers/cli.js';

const project = mkdtempSync(path.join(tmpdir(), 'kamishibai-scaffold-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('new with a name that cannot be a folder', () => {
  it('issue 20 item 18: a 300-character name says how long a name may be, not ENAMETOOLONG, and makes nothing', async () => {
    const r = await runCliHere(['new', 'a'.repeat(300)], { cwd: project });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: a talk name of 300 characters is too long to name its folder and files: use up to 100, e.g. a{20}\n$/);
    expect(readdirSync(project)).toEqual([]);
  });
});
