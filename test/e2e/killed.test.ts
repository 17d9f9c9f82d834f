// A build killed outright (SIGKILL: a CI time limit, the OOM killer) takes its Chromium with
// it, and what it left is cleaned by the next build (issue 20 item 4; trust-b 05, 29). Only
// this test's own builds are looked at, by their process ids (helpers/leaks.ts).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, runCli } from '../helpers/cli.js';
import { chromiumOf, profilesOf } from '../helpers/leaks.js';
import { findBrowser } from '../../src/browser/find.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'kamishibai-killed-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Poll `done` every 100 ms for up to `ms`; true if it came true. */
async function eventually(done: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) if (done()) return true;
  return done();
}

describe('a build killed outright', () => {
  it('trust-b 05: SIGKILL mid-export leaves no Chromium; the next build removes its profile and staging folder', async () => {
    const out = path.join(tmp, 'dist');
    const child = spawn(process.execPath, [CLI, 'build', 'test/fixtures/overflow/hangs', '--out', out, '--timeout', '60'], { cwd: ROOT, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const pid = child.pid!;
    // Killed while exporting: Chromium up, the output staged beside --out.
    expect(await eventually(() => chromiumOf(pid).length > 0 && existsSync(`${out}.tmp-${pid}`), 60_000)).toBe(true);
    child.kill('SIGKILL');
    await exited;
    // Chromium notices the closed pipe and exits: give it time, without timing it.
    expect(await eventually(() => chromiumOf(pid).length === 0, 20_000)).toBe(true);

    const next = runCli(['build', 'test/fixtures/overflow/fits', '--out', out, '--quiet']);
    expect(next.code).toBe(0);
    expect(profilesOf(pid)).toEqual([]);
    expect(existsSync(`${out}.tmp-${pid}`)).toBe(false);
  });

  it('trust-b 29: a launch that times out leaves no profile and no Chromium', async () => {
    // The real Chromium, started late, as on a machine too loaded to start it in time.
    const slow = path.join(tmp, 'slow-chromium.sh');
    writeFileSync(slow, `#!/bin/sh\nsleep 3\nexec ${findBrowser()} "$@"\n`, { mode: 0o755 });
    const r = runCli(['build', 'test/fixtures/overflow/fits', '--out', path.join(tmp, 'timeout'), '--browser-path', slow, '--timeout', '1', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/could not start the browser at .*slow-chromium\.sh: it did not start within 1 s/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    // Were the late Chromium not ended, it would start and write its profile within a few seconds.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    expect(chromiumOf(r.pid)).toEqual([]);
    expect(profilesOf(r.pid)).toEqual([]);
  });
});
