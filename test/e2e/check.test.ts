// `check` and the browser stage's faults, through the CLI as a user runs them.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, runCli } from '../helpers/cli.js';
import { pdfInfo } from '../helpers/pdf.js';
import { leftovers, snapshot } from '../helpers/tree.js';
import { chromiumOf, profilesOf } from '../helpers/leaks.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'kamishibai-check-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const fixture = (name: string) => `test/fixtures/overflow/${name}`;

describe('npm run check: the overflow check', () => {
  it('reports a slide that overflows, with file, line, slide number and pixels', () => {
    const r = runCli(['check', fixture('too-long')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^test\/fixtures\/overflow\/too-long\/slides\.md:11:1: warning: slide 2 overflows the frame by \d+ px at the bottom/m);
    expect(r.stderr).not.toMatch(/slide 1 overflows/);
  });

  it('measures every box, not only text: an image, a table, a code block and raw HTML past the frame or over the footer, a diagram shrunk past reading, at their first line', () => {
    const r = runCli(['check', fixture('boxes'), '--strict']);
    expect(r.code).toBe(1);
    const warnings = r.stderr.split('\n').filter((l) => l.includes(': warning: '));
    expect(warnings).toEqual([
      expect.stringMatching(/boxes\/slides\.md:6:1: warning: slide 1 overflows the frame by \d+ px at the bottom, into the footer \(image "images\/tall\.svg"\)/),
      expect.stringMatching(/boxes\/slides\.md:14:1: warning: slide 2 overflows the frame by \d+ px at the bottom, into the footer \(a table\)/),
      expect.stringMatching(/boxes\/slides\.md:35:1: warning: slide 3: a code block cuts off \d+ px of its content at the bottom/),
      expect.stringMatching(/boxes\/slides\.md:58:1: warning: slide 4 overflows the frame by \d+ px at the bottom, into the footer \(a box\)/),
      expect.stringMatching(/boxes\/slides\.md:64:1: warning: slide 5: a diagram is scaled down to fit, its text drawn at \d+ px \(under 16 px/),
    ]);
  });

  it('draws in the PDF what overflows, as the deck shows it, instead of dropping it', () => {
    const out = path.join(tmp, 'boxes-pdf');
    expect(runCli(['build', fixture('boxes'), '--out', out, '--quiet', '--no-handout']).code).toBe(0);
    const pdf = path.join(out, 'boxes', 'boxes.pdf');
    expect(pdfInfo(pdf).pages).toBe(6);
    // The red picture of slide 1 is on page 1 (a pixel of it, below the text, above the footer).
    const ppm = execFileSync('pdftoppm', ['-r', '20', '-f', '1', '-l', '1', pdf]);
    const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.toString('latin1', 0, 32))!;
    const width = Number(header[1]);
    const at = (x: number, y: number) => [...ppm.subarray(header[0].length + 3 * (y * width + x), header[0].length + 3 * (y * width + x) + 3)];
    expect(at(Math.round(width * 0.12), Math.round(Number(header[2]) * 0.75))).toEqual([0xcc, 0x33, 0x33]);
  });

  it('issue 23: a centred slide too tall overflows at the top as well as the bottom, and says so', () => {
    const r = runCli(['check', fixture('centred')]);
    // No footer: what it runs into at the bottom is the slide number.
    expect(r.stderr).toMatch(/centred\/slides\.md:5:1: warning: slide 1 overflows the frame by \d+ px at the top and bottom, into the slide number \(a box\)/);
  });

  it('trust-b 18 (the third re-run\'s variant): a script logging 300 errors and one of 100,000 letters is 20 lines and a count', () => {
    const r = runCli(['check', 'test/fixtures/e2e/console-flood']);
    const logged = r.stderr.split('\n').filter((l) => l.includes('the page logged an error'));
    expect(logged).toHaveLength(21);
    expect(logged.at(-1)).toMatch(/281 more errors, not shown/);
    expect(Math.max(...logged.map((l) => l.length))).toBeLessThan(700);
  });

  it('fails with --strict', () => {
    const r = runCli(['check', fixture('too-long'), '--strict']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/check failed: 0 error\(s\), 1 warning\(s\)/);
  });

  it('build --strict: an overflow fails the build and the previous output stays', () => {
    const out = path.join(tmp, 'strict');
    expect(runCli(['build', fixture('too-long'), '--out', out, '--no-pdf', '--quiet']).code).toBe(0);
    const before = readFileSync(path.join(out, 'too-long', 'index.html'), 'utf8');
    const r = runCli(['build', fixture('too-long'), '--out', out, '--strict', '--no-handout', '--theme', 'kamishibai-dark']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/slide 2 overflows the frame/);
    expect(r.stderr).toMatch(/previous output left as it was/);
    expect(readFileSync(path.join(out, 'too-long', 'index.html'), 'utf8')).toBe(before);
    expect(existsSync(path.join(out, 'too-long', 'too-long.pdf'))).toBe(false);
  });

  it('is silent for a deck that fits, and writes nothing', () => {
    const before = readdirSync(tmp);
    const r = runCli(['check', fixture('fits'), '--strict', '--out', path.join(tmp, 'never')]);
    expect(r.stderr).not.toMatch(/warning|error/);
    expect(r.code).toBe(0);
    expect(existsSync(path.join(tmp, 'never'))).toBe(false);
    expect(readdirSync(tmp)).toEqual(before);
  });

  it('reports code too wide for its block', () => {
    expect(runCli(['check', fixture('wide-code')]).stderr).toMatch(/slides\.md:5:1: warning: slide 1: a code block cuts off \d+ px of its content at the right/);
  });

  it('warns on a character no font of the deck has, naming it and its line, and fails on it with --strict (issue 23)', () => {
    const r = runCli(['check', fixture('no-font')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/no-font\/slides\.md:7:1: warning: "ላ" U\+120B, "ም" U\+121D, "ሰ" U\+1230: in none of the deck.s fonts/);
    expect(runCli(['check', fixture('no-font'), '--strict']).code).toBe(1);
  });

  it('draws Devanagari from the deck fonts, and reports text a theme sets in a system font', () => {
    const r = runCli(['check', fixture('fallback-font')]);
    expect(r.stderr).not.toMatch(/in none of the deck.s fonts/);
    expect(r.stderr).toMatch(/slides\.md:6:1: warning: slide 1: text drawn in fallback font "DejaVu Sans"/);
  });
});

describe('the build reports what it measures while printing', () => {
  it('issue 20 item 5: a picture the browser will not draw (40,000 x 40,000 px) is a warning at its line in build, and fails build --strict', () => {
    const out = path.join(tmp, 'huge-image');
    const r = runCli(['build', 'test/fixtures/e2e/huge-image', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/huge-image\/slides\.md:3:1: warning: slide 1: image "huge\.png" failed to load: the browser could not draw it .*save it again at the size it is shown/);
    expect(runCli(['build', 'test/fixtures/e2e/huge-image', '--out', out, '--strict', '--quiet']).code).toBe(1);
  });
});

describe('offline: nothing from the network', () => {
  it('warns about a remote image once, at its line (the browser blocking it says nothing new), and fails with --strict', () => {
    const r = runCli(['check', fixture('remote'), '--strict']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/remote\/slides\.md:9:1: warning: "https:\/\/example\.com\/cat\.png" would be fetched from the network/);
    expect(r.stderr.match(/example\.com\/cat\.png/g)).toHaveLength(1);
    expect(r.stderr).toMatch(/check failed: 0 error\(s\), 1 warning\(s\)/);
  });

  it('the browser refuses every local file outside the talk, even one the build could not see', () => {
    const dir = path.join(tmp, 'peek');
    mkdirSync(dir);
    // Written by a script at view time, so no build-time check can read the address.
    const script = '<script>document.getElementById("p").style.backgroundImage = "url(/et" + "c/hostname)";</script>';
    writeFileSync(path.join(dir, 'slides.md'), `# Peek\n\n<div id="p" style="height:200px">x</div>\n${script}\n`);
    const r = runCli(['check', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/peek\/slides\.md: error: the page asked for file:\/\/\/etc\/hostname, outside the talk's folder, and was refused/);
  });

  it('copies the logo and puts it with the footer on every slide', () => {
    const out = path.join(tmp, 'logo');
    expect(runCli(['build', fixture('remote'), '--out', out, '--no-pdf', '--quiet']).code).toBe(0);
    const page = readFileSync(path.join(out, 'remote', 'index.html'), 'utf8');
    expect(page).toContain('<img class="slide-logo" src="images/logo.svg" alt="">');
    expect(page).toContain('<footer class="slide-footer">#remote</footer>');
    expect(existsSync(path.join(out, 'remote', 'images', 'logo.svg'))).toBe(true);
  });
});

/** An output folder holding a real earlier build of `talk` (HTML only, unless `pdf`). */
function previousBuild(name: string, talk: string, pdf = false): string {
  const out = path.join(tmp, name);
  expect(runCli(['build', fixture(talk), '--out', out, '--quiet', ...(pdf ? [] : ['--no-pdf'])]).code).toBe(0);
  return out;
}

describe('browser faults', () => {
  it('a page that hangs fails within the timeout, keeps the previous output, leaves no PDF and no Chromium', () => {
    const out = previousBuild('hang', 'hangs');
    const previous = snapshot(out);
    const started = Date.now();
    // 10 s: long enough for Chromium to start on a loaded machine (the launch has the same limit).
    const r = runCli(['build', fixture('hangs'), '--out', out, '--timeout', '10']);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/hangs\/slides\.md: error: the browser gave up after 10 s/);
    expect(snapshot(out)).toEqual(previous);
    expect(leftovers(out)).toEqual([]);
    expect(chromiumOf(r.pid)).toEqual([]);
    expect(profilesOf(r.pid)).toEqual([]);
  });

  it('Ctrl-C while exporting: exit 130, no Chromium, no profile folder, previous output intact', async () => {
    const out = previousBuild('interrupted', 'hangs');
    const previous = snapshot(out);
    const child = spawn(process.execPath, [CLI, 'build', fixture('hangs'), '--out', out, '--timeout', '60'], { cwd: ROOT, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Interrupt once Chromium is up: its profile folder exists and its processes run.
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && (profilesOf(child.pid!).length === 0 || chromiumOf(child.pid!).length === 0)) {
      await new Promise((r) => setTimeout(r, 50));
    }
    await new Promise((r) => setTimeout(r, 500));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(snapshot(out)).toEqual(previous);
    expect(leftovers(out)).toEqual([]);
    expect(chromiumOf(child.pid!)).toEqual([]);
    expect(profilesOf(child.pid!)).toEqual([]);
  });

  it('a signal at any stage of a build: exit 0 with the new output or 130 with the old, nothing left behind', async () => {
    const out = previousBuild('signals', 'fits', true);
    const previous = snapshot(out);
    const deck = path.join(tmp, 'signals-deck');
    mkdirSync(deck);
    writeFileSync(path.join(deck, 'slides.md'), readFileSync(path.join(ROOT, fixture('fits'), 'slides.md'), 'utf8'));
    const outcomes = new Set<number | null>();
    // From before Chromium starts to after the last PDF is written and the output swapped in.
    for (const [i, delay] of [50, 250, 450, 650, 850, 1050, 1300, 1600, 2000].entries()) {
      writeFileSync(path.join(deck, 'slides.md'), `${readFileSync(path.join(deck, 'slides.md'), 'utf8')}\n\nEdit ${i}.\n`);
      const before = snapshot(out);
      const signal = i % 2 === 0 ? 'SIGINT' : 'SIGTERM';
      const child = spawn(process.execPath, [CLI, 'build', deck, '--out', out, '--quiet'], { cwd: ROOT, stdio: 'ignore' });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      await new Promise((r) => setTimeout(r, delay));
      child.kill(signal);
      const code = await exited;
      outcomes.add(code);
      // null: killed by the signal itself, before the CLI set its handlers (it had made
      // nothing yet) or as Node tears the process down after a finished build (its output
      // already whole): the old output, or the whole new one, never a mix.
      expect([0, 130, null]).toContain(code);
      const now = snapshot(out);
      if (code === 130) expect(now).toEqual(before);
      else if (code === 0) expect(now).not.toEqual(before);
      else if (JSON.stringify(now) !== JSON.stringify(before)) {
        for (const f of ['index.html', 'signals-deck.pdf', 'signals-deck-handout.pdf', 'og.png']) expect(Object.keys(now)).toContain(`signals-deck/${f}`);
      }
      expect(leftovers(out)).toEqual([]);
      expect(profilesOf(child.pid!)).toEqual([]);
      expect(chromiumOf(child.pid!)).toEqual([]);
    }
    expect(outcomes.has(130)).toBe(true);
    expect(Object.keys(previous).length).toBeGreaterThan(0);
  });

  it('Chromium killed mid-export: exit 1, a clear message, the previous output byte for byte', async () => {
    const out = previousBuild('killed', 'hangs');
    const previous = snapshot(out);
    const child = spawn(process.execPath, [CLI, 'build', fixture('hangs'), '--out', out, '--timeout', '60'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Kill once the export runs (the print page is being loaded), not while Chromium starts.
    const printing = path.join(`${out}.tmp-${child.pid}`, 'hangs', `print-${child.pid}-1.html`);
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && !existsSync(printing)) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300));
    for (const pid of chromiumOf(child.pid!)) process.kill(pid, 'SIGKILL');
    expect(await exited).toBe(1);
    expect(stderr).toMatch(/hangs\/slides\.md: error: .*no PDF written for this talk/);
    expect(stderr).toMatch(/previous output left as it was/);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(snapshot(out)).toEqual(previous);
    expect(leftovers(out)).toEqual([]);
    expect(profilesOf(child.pid!)).toEqual([]);
  });

  it('alert() in a slide is dismissed and reported instead of holding the export', () => {
    const dir = path.join(tmp, 'alert');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'slides.md'), '# Alert\n\n<script>alert("hi")</script>\n');
    const r = runCli(['check', dir, '--timeout', '60']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/alert\/slides\.md: warning: the page logged an error: a script called alert\("hi"\), which was dismissed/);
  });

  it('a browser that is not there: one clear message; the previous PDFs and pages stay byte for byte', () => {
    const out = previousBuild('nobrowser', 'fits', true);
    const previous = snapshot(out);
    expect(Object.keys(previous)).toContain('fits/fits.pdf');
    const r = runCli(['build', fixture('fits'), '--out', out, '--browser-path', '/nonexistent/chrome']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error: no browser at --browser-path \/nonexistent\/chrome.*no PDF could be made \(--no-pdf builds the HTML decks alone\)/);
    expect(r.stderr).toMatch(/previous output left as it was/);
    expect(snapshot(out)).toEqual(previous);
    expect(leftovers(out)).toEqual([]);
  });

  it('a browser that fails to start: a clear error; the previous output stays byte for byte', () => {
    const out = previousBuild('badbrowser', 'fits', true);
    const previous = snapshot(out);
    const r = runCli(['build', fixture('fits'), '--out', out, '--browser-path', '/bin/false']);
    expect(profilesOf(r.pid)).toEqual([]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error: could not start the browser at \/bin\/false/);
    expect(snapshot(out)).toEqual(previous);
    expect(leftovers(out)).toEqual([]);
  });

  // On a real tmpfs, where the test may mount one; export-faults.test.ts injects the same fault anywhere.
  it.skipIf(process.getuid?.() !== 0)('the disk fills up while the PDFs are written: the previous output stays byte for byte', () => {
    const disk = path.join(tmp, 'full-disk');
    mkdirSync(disk);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', disk]);
    try {
      const out = path.join(disk, 'dist');
      expect(runCli(['build', fixture('fits'), '--out', out, '--quiet']).code).toBe(0);
      const previous = snapshot(out);
      // Room for a second copy of the HTML (measured in blocks by a build of it), not for the PDFs.
      const probe = path.join(disk, 'probe');
      expect(runCli(['build', fixture('fits'), '--out', probe, '--quiet', '--no-pdf']).code).toBe(0);
      const html = Number(execFileSync('du', ['-sB1', probe], { encoding: 'utf8' }).split('\t')[0]);
      rmSync(probe, { recursive: true });
      const free = Number(execFileSync('df', ['--output=avail', '-B1', disk], { encoding: 'utf8' }).split('\n')[1]);
      writeFileSync(path.join(disk, 'filler'), Buffer.alloc(Math.max(0, free - html)));
      // --force: the talk is up to date, and an up-to-date build writes nothing.
      const r = runCli(['build', fixture('fits'), '--out', out, '--force']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/error: could not write the exported files: the disk is full \(write\); no PDF written for this talk/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(snapshot(out)).toEqual(previous);
      expect(leftovers(out)).toEqual([]);
    } finally {
      execFileSync('umount', ['-l', disk]);
    }
  });

  it('--no-pdf builds HTML without starting a browser', () => {
    const out = path.join(tmp, 'nopdf');
    const r = runCli(['build', fixture('fits'), '--out', out, '--no-pdf', '--browser-path', '/nonexistent/chrome']);
    expect(r.code).toBe(0);
    expect(readdirSync(path.join(out, 'fits')).sort()).toEqual(['assets', 'index.html', 'made-from.json', 'talk.json']);
  });
});
