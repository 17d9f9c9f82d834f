// A quick HTML-only rebuild (--no-pdf) keeps the PDFs the last full build made: still in the
// output, listed in its manifest, linked from the deck page and the talk list; the build
// says it kept them, and whether the deck has changed since they were made.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'kamishibai-earlier-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('issue 21 item 5: --no-pdf after a full build', () => {
  it('keeps the PDFs, linked and listed, and notes that they are from the earlier build and whether the deck changed since', () => {
    const deck = path.join(tmp, 'slides', 'keep', 'slides.md');
    mkdirSync(path.dirname(deck), { recursive: true });
    writeFileSync(deck, '# Keep\n\nNote: a note for the handout\n\n---\n\n## Second\n');
    const out = path.join(tmp, 'dist');
    const file = (f: string) => readFileSync(path.join(out, f));
    expect(runCli(['build', '--quiet'], { cwd: tmp }).code).toBe(0);
    const made = ['keep.pdf', 'keep-handout.pdf', 'og.png'].map((f) => file(`keep/${f}`));

    const quick = runCli(['build', '--no-pdf'], { cwd: tmp });
    expect(quick.code).toBe(0);
    expect(quick.stderr).toMatch(/^note: dist\/keep: kept keep\.pdf, keep-handout\.pdf, og\.png from an earlier build \(--no-pdf makes none\)$/m);
    expect(['keep.pdf', 'keep-handout.pdf', 'og.png'].map((f) => file(`keep/${f}`))).toEqual(made);
    expect(JSON.parse(file('.kamishibai-output.json').toString()).talks.keep).toEqual(expect.arrayContaining(['keep.pdf', 'keep-handout.pdf', 'og.png']));
    expect(file('keep/index.html').toString()).toMatch(/href="keep\.pdf"/);
    expect(file('index.html').toString()).toMatch(/href="keep\/keep\.pdf"[\s\S]*href="keep\/keep-handout\.pdf"/);

    writeFileSync(deck, '# Keep, changed\n\n---\n\n## Second\n');
    const changed = runCli(['build', 'keep', '--no-pdf'], { cwd: tmp });
    expect(changed.code).toBe(0);
    expect(changed.stderr).toMatch(/^note: dist\/keep: kept keep\.pdf, keep-handout\.pdf, og\.png from an earlier build \(--no-pdf makes none\); slides\/keep\/slides\.md has changed since they were made, so they may not match it: build without --no-pdf to remake them$/m);
    expect(file('keep/keep.pdf')).toEqual(made[0]);

    const full = runCli(['build', 'keep'], { cwd: tmp });
    expect(full.code).toBe(0);
    expect(full.stderr).not.toMatch(/kept/);
    expect(file('keep/keep.pdf')).not.toEqual(made[0]);
    // Four builds, two of them with Chromium, on a machine the other suites share.
  }, 300_000);
});
