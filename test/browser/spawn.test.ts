// spawn.ts: Chromium is started with the command line Puppeteer's own launch() would give it
// (its defaultArgs(), the profile, our switches, the DevTools pipe), so that starting it
// before Puppeteer is loaded changes nothing but the time. A Puppeteer upgrade that changes
// its switches fails here, with the difference. And one that exits at once says why, as
// Puppeteer's launch() did.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { launchBrowser } from '../../src/browser/launch.js';
import { chromiumArgs } from '../../src/browser/spawn.js';
import { profilesOf } from '../helpers/leaks.js';

// Profiles of browsers other tests in this worker started are theirs.
const before = new Set(profilesOf(process.pid));

describe('chromiumArgs', () => {
  const ours = ['--no-sandbox', '--font-render-hinting=none', '--disable-features=IsolateOrigins,site-per-process'];
  // Features named twice, and turned on: Puppeteer joins them all to its own.
  const more = ['--x', '--disable-features=A', '--disable-features=B,C', '--enable-features=Z'];
  for (const headless of ['shell', true] as const) {
    for (const args of [ours, more]) {
      it(`is Puppeteer's launch() command line (headless: ${headless}, ${args.join(' ')})`, () => {
        const theirs = [...puppeteer.defaultArgs({ headless, userDataDir: '/profile', args: [...args] }), '--remote-debugging-pipe'];
        expect(chromiumArgs({ headless, userDataDir: '/profile', args })).toEqual(theirs);
      });
    }
  }
});

describe('a browser that does not start', () => {
  const script = (body: string) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kamishibai-spawn-'));
    const file = path.join(dir, 'chromium.sh');
    writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    return file;
  };

  it('says what it wrote as it exited, whether before Puppeteer listened or after', async () => {
    await expect(launchBrowser({ browserPath: script('echo "cannot open display" >&2; exit 3') })).rejects.toThrow(/could not start the browser at .*chromium\.sh: it exited \(code 3\): cannot open display/);
    await expect(launchBrowser({ browserPath: script('sleep 0.4; echo "late crash" >&2; exit 4') })).rejects.toThrow(/it exited \(code 4\): late crash/);
  });

  it('says so at once when the file cannot be run', async () => {
    const file = script('');
    chmodSync(file, 0o644);
    await expect(launchBrowser({ browserPath: file })).rejects.toThrow(/could not start the browser at .*chromium\.sh: spawn .* EACCES/);
  });

  it('leaves no profile folder behind', async () => {
    const file = script('exit 1');
    await expect(launchBrowser({ browserPath: file })).rejects.toThrow(/it exited \(code 1\)/);
    expect(profilesOf(process.pid).filter((p) => !before.has(p))).toEqual([]);
  });
});
