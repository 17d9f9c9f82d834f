// Output names: a talk's folder from its name, the paths a build writes, and which manifest paths stay inside.
import { describe, expect, it } from 'vitest';
import { BROWSER_STEP_MS, browserStepMs, generatedAt, isInsidePath, talkFiles, talkSlug } from '../../src/core/outputs.js';

describe('talkSlug', () => {
  it('keeps letters and digits of every script, readable (issue 20 item 20, trust-b 01)', () => {
    expect(talkSlug('japan-ai')).toBe('japan-ai');
    expect(talkSlug('日本語 トーク')).toBe('日本語-トーク');
    expect(['日本', '中国', 'Ελληνικά', 'Русский', 'हिन्दी'].map(talkSlug)).toEqual(['日本', '中国', 'Ελληνικά', 'Русский', 'हिन्दी']);
    expect(talkSlug('my talk')).toBe('my-talk');
    expect(talkSlug('my - talk (draft)!')).toBe('my-talk-draft');
    expect(talkSlug('a--b_c.d')).toBe('a--b_c.d');
  });

  it('one name in NFC whatever form the file system gave (macOS writes NFD)', () => {
    expect(talkSlug('がいど'.normalize('NFD'))).toBe('がいど'.normalize('NFC'));
    expect(talkSlug('Café'.normalize('NFD'))).toBe('Café'.normalize('NFC'));
  });

  it('never ., .., empty, a path or a hidden name (trust-b 03)', () => {
    for (const name of ['', '.', '..', '...', '-', '🎉', '../x', '.hidden', 'a/b', 'a\\b']) {
      const slug = talkSlug(name);
      expect(slug === '' || isInsidePath(slug)).toBe(true);
      expect(slug).not.toMatch(/^[.-]|[/\\]/);
    }
    expect(['', '.', '..', '...', '🎉'].map(talkSlug)).toEqual(['', '', '', '', '']);
    expect(talkSlug('.hidden')).toBe('hidden');
  });

  it('at most 200 bytes, cut between characters', () => {
    const slug = talkSlug('語'.repeat(100));
    expect(new TextEncoder().encode(slug).length).toBeLessThanOrEqual(200);
    expect(slug).toBe('語'.repeat(66));
  });
});

describe('isInsidePath', () => {
  it('refuses whatever would leave the folder (trust-b 20)', () => {
    for (const bad of ['', '/etc/passwd', '../x', 'a/../../x', 'a//b', './a', 'a/.', 'a\\..\\x', 'a\0b', 42, null]) expect(isInsidePath(bad)).toBe(false);
    for (const good of ['index.html', 'assets/fonts/x.woff2', 'talk/..md', 'a..b/c']) expect(isInsidePath(good)).toBe(true);
  });
});

describe('generatedAt (trust-b 26, 02)', () => {
  it('names what the build writes at a path, case aside, and nothing else', () => {
    expect(generatedAt('index.html', 't')).toBe('the deck page');
    expect(generatedAt('Index.HTML', 't')).toBe('the deck page');
    expect(generatedAt('og.png', 't')).toBe('the link-preview picture');
    expect(generatedAt('t.pdf', 't')).toBe('the slide PDF');
    expect(generatedAt('assets/fonts/noto.woff2', 't')).toBe("the deck's fonts");
    expect(generatedAt('png/slide-001.png', 't')).toBe('a slide picture (--png)');
    // Found by the re-run of trust-b 26: a deck's own made-from.json was replaced without a word.
    expect(generatedAt('made-from.json', 't')).toBe('the record of what the talk was made from');
    expect(generatedAt('t.pptx', 't')).toBe('the PowerPoint file (--pptx)');
    for (const free of ['images/og.png', 'other.pdf', 'assets/photo.png', 'png/photo.png']) expect(generatedAt(free, 't')).toBeUndefined();
  });

  it('a talk named index has its one-file deck beside its deck page, not over it', () => {
    expect(talkFiles('index').singleFile).toBe('index-single.html');
    expect(talkFiles('Index').singleFile).not.toBe(talkFiles('Index').page);
    expect(talkFiles('talk').singleFile).toBe('talk.html');
  });
});

describe('browserStepMs (trust-b 16)', () => {
  it('gives a talk-sized deck the base limit and a long deck its share, in proportion', () => {
    expect(browserStepMs(1)).toBe(BROWSER_STEP_MS);
    expect(browserStepMs(300)).toBe(BROWSER_STEP_MS);
    expect(browserStepMs(3300) - browserStepMs(300)).toBe(10 * (browserStepMs(600) - browserStepMs(300)));
    expect(browserStepMs(10_000)).toBeGreaterThan(browserStepMs(3000));
  });
});
