// The PDFs' date: SOURCE_DATE_EPOCH, else the deck's last commit, else the deck's modification time.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDate } from '../../src/run/build-date.js';
import { pdfDate } from '../../src/browser/pdf-meta.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'kamishibai-date-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the date a talk is built with', () => {
  it('is SOURCE_DATE_EPOCH when set', () => {
    expect(buildDate('/nowhere/slides.md', { SOURCE_DATE_EPOCH: '1700000000' }).toISOString()).toBe('2023-11-14T22:13:20.000Z');
  });

  it("is the deck file's last commit in a git checkout", () => {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: tmp, stdio: 'ignore', env: { ...process.env, GIT_COMMITTER_DATE: '2024-02-03T04:05:06Z', GIT_AUTHOR_DATE: '2024-02-03T04:05:06Z' } });
    git('init', '-q');
    writeFileSync(path.join(tmp, 'slides.md'), '# A\n');
    git('add', 'slides.md');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'deck');
    expect(buildDate(path.join(tmp, 'slides.md'), {}).toISOString()).toBe('2024-02-03T04:05:06.000Z');
  });

  it("is the deck file's modification time outside any checkout, not the time of the build", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kamishibai-date-nogit-'));
    try {
      const deck = path.join(dir, 'slides.md');
      writeFileSync(deck, '# A\n');
      utimesSync(deck, new Date('2021-06-07T08:09:10.500Z'), new Date('2021-06-07T08:09:10.500Z'));
      expect(buildDate(deck, {}).toISOString()).toBe('2021-06-07T08:09:10.000Z');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is written in PDF form, in UTC', () => {
    expect(pdfDate(new Date('2024-02-03T04:05:06Z'))).toBe('D:20240203040506');
  });
});
