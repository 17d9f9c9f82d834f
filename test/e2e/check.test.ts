// `check` and the browser stage's faults, through the CLI as a user runs them.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'kamishibai-check-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const fixture = (name: string) => `test/fixtures/overflow/${name}`;

/** Chromium processes still alive (a zombie has ended; it only waits for its parent to reap it). */
function chromiumPids(): Set<string> {
  let pids: string[];
  try {
    pids = execFileSync('pgrep', ['-f', 'chrom'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  } catch {
    return new Set();
  }
  const alive = (pid: string) => {
    try {
      return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      return false;
    }
  };
  return new Set(pids.filter(alive));
}

describe('npm run check: the overflow check', () => {
  it('reports a slide that overflows, with file, line, slide number and pixels', () => {
    const r = runCli(['check', fixture('too-long')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^test\/fixtures\/overflow\/too-long\/slides\.md:10:1: warning: slide 2 overflows the frame by \d+ px at the bottom/m);
    expect(r.stderr).not.toMatch(/slide 1 overflows/);
  });

  it('fails with --strict', () => {
    const r = runCli(['check', fixture('too-long'), '--strict']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/check failed: 0 error\(s\), 1 warning\(s\)/);
  });

  it('is silent for a deck that fits, and writes nothing', () => {
    const r = runCli(['check', fixture('fits'), '--strict', '--out', path.join(tmp, 'never')]);
    expect(r.stderr).not.toMatch(/warning|error/);
    expect(r.code).toBe(0);
    expect(existsSync(path.join(tmp, 'never'))).toBe(false);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('reports code too wide for its block', () => {
    expect(runCli(['check', fixture('wide-code')]).stderr).toMatch(/slides\.md:4:1: warning: slide 1 overflows the frame by \d+ px at the right/);
  });

  it('reports text drawn in a fallback font, at build time and in the browser', () => {
    const r = runCli(['check', fixture('fallback-font')]);
    expect(r.stderr).toMatch(/slides\.md:7:1: warning: .*"न" U\+0928, .*in none of the deck.s fonts/);
    expect(r.stderr).toMatch(/slides\.md:4:1: warning: slide 1: text drawn in fallback font/);
  });
});

describe('browser faults', () => {
  it('a page that hangs fails within the timeout, keeps the HTML, leaves no PDF and no Chromium', () => {
    const before = chromiumPids();
    const out = path.join(tmp, 'hang');
    const started = Date.now();
    const r = runCli(['build', fixture('hangs'), '--out', out, '--timeout', '3']);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/hangs\/slides\.md: error: the browser gave up after 3 s/);
    expect(existsSync(path.join(out, 'hangs', 'index.html'))).toBe(true);
    expect(readdirSync(path.join(out, 'hangs')).filter((f) => f.includes('.pdf'))).toEqual([]);
    const leaked = [...chromiumPids()].filter((p) => !before.has(p));
    expect(leaked).toEqual([]);
  });

  it('a browser that is not there: one clear message, HTML still built', () => {
    const out = path.join(tmp, 'nobrowser');
    const r = runCli(['build', fixture('fits'), '--out', out, '--browser-path', '/nonexistent/chrome']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error: no browser at --browser-path \/nonexistent\/chrome.*HTML decks were built/);
    expect(existsSync(path.join(out, 'fits', 'index.html'))).toBe(true);
    expect(existsSync(path.join(out, 'fits', 'fits.pdf'))).toBe(false);
  });

  it('a browser that fails to start: a clear error, HTML still built', () => {
    const out = path.join(tmp, 'badbrowser');
    const r = runCli(['build', fixture('fits'), '--out', out, '--browser-path', '/bin/false']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error: could not start the browser at \/bin\/false/);
    expect(existsSync(path.join(out, 'fits', 'index.html'))).toBe(true);
  });

  it('--no-pdf builds HTML without starting a browser', () => {
    const out = path.join(tmp, 'nopdf');
    const r = runCli(['build', fixture('fits'), '--out', out, '--no-pdf', '--browser-path', '/nonexistent/chrome']);
    expect(r.code).toBe(0);
    expect(readdirSync(path.join(out, 'fits')).sort()).toEqual(['assets', 'index.html', 'talk.json']);
  });
});
