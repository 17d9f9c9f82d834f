// npm run new, then build, then check --strict: the starter deck a forker begins with.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const project = mkdtempSync(path.join(tmpdir(), 'kamishibai-new-'));
cpSync(path.join(ROOT, 'templates'), path.join(project, 'templates'), { recursive: true });
afterAll(() => rmSync(project, { recursive: true, force: true }));

const deckSource = (slug: string) => readFileSync(path.join(project, 'slides', slug, 'slides.md'), 'utf8');

describe.each(['en', 'ja'])('npm run new (--lang %s)', (lang) => {
  const slug = `my-${lang}-talk`;

  it('creates the talk from the starter deck', () => {
    const r = runCli(['new', slug, '--title', 'My: "talk"', '--lang', lang], { cwd: project });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const deck = readFileSync(path.join(project, 'slides', slug, 'slides.md'), 'utf8');
    expect(deck).toContain('title: "My: \\"talk\\""');
    expect(deck).toContain(`lang: ${lang}`);
    expect(existsSync(path.join(project, 'slides', slug, 'images', 'stage.svg'))).toBe(true);
  });

  it('the starter builds with its PDFs, and passes check --strict', () => {
    const build = runCli(['build', `slides/${slug}`, '--quiet'], { cwd: project });
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    for (const f of ['index.html', `${slug}.pdf`, `${slug}-handout.pdf`, 'og.png', 'images/stage.svg']) {
      expect(existsSync(path.join(project, 'dist', slug, f)), f).toBe(true);
    }
    const page = readFileSync(path.join(project, 'dist', slug, 'index.html'), 'utf8');
    for (const layout of ['title', 'default', 'section', 'two-column', 'quote', 'statement', 'image']) expect(page).toContain(`layout-${layout}`);
    expect(page).toContain('class="katex"');
    expect(page).toContain('data-line-numbers="2,3"');
    expect(page).toContain('<aside class="notes">');
    // Every feature (issue 21 item 8): a table, a footnote, a Mermaid diagram, a picture
    // background, a fitted heading, a QR code, and time: (each slide's share of it).
    for (const feature of ['<table>', 'class="footnotes"', '<figure class="diagram"><svg', 'has-bg bg-split bg-right', 'class="r-fit-text"', 'data-timing="']) expect(page, feature).toContain(feature);
    // The QR code holds the talk's address: none is drawn until it has one (issue 26 item 1).
    expect(page).not.toContain('qr-code');
    const published = path.join(project, 'published');
    expect(runCli(['build', `slides/${slug}`, '--quiet', '--no-pdf', '--out', published, '--base-url', 'https://talks.example'], { cwd: project }).code).toBe(0);
    expect(readFileSync(path.join(published, slug, 'index.html'), 'utf8')).toContain(`aria-label="QR code: https://talks.example/${slug}/"`);
    expect(deckSource(slug)).toMatch(/^time: \d+m$/m);
    // The closing slide links the talk's own PDFs (the corner links stay out of sight while presenting).
    expect(page).toContain(`href="${slug}.pdf"`);
    expect(page).toContain(`href="${slug}-handout.pdf"`);
    // A link to the first slide says where it goes; the QR slide's notes say why no code is drawn until the talk has an address.
    expect(page).toMatch(new RegExp(`href="#/0">${lang === 'en' ? 'back to the title' : '表紙へ'}</a>`));
    expect(deckSource(slug).split('<!-- qr -->')[1]).toMatch(/^Note:[\s\S]*url:[\s\S]*--base-url/m);
    const check = runCli(['check', `slides/${slug}`, '--strict', '--quiet'], { cwd: project });
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
  });

  it('refuses to overwrite an existing talk', () => {
    const before = readFileSync(path.join(project, 'slides', slug, 'slides.md'), 'utf8');
    const r = runCli(['new', slug], { cwd: project });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/already exists/);
    expect(readFileSync(path.join(project, 'slides', slug, 'slides.md'), 'utf8')).toBe(before);
  });
});

describe('npm run new: bad names', () => {
  it('refuses a name that cannot be a folder and a URL', () => {
    const r = runCli(['new', '../escape'], { cwd: project });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not a usable talk name/);
    expect(existsSync(path.join(project, 'escape'))).toBe(false);
  });
});

describe('npm run new: titles with template syntax', () => {
  it('a title that says {{date}} is kept as written, and the deck builds', () => {
    const r = runCli(['new', 'braces', '--title', '{{date}} talk'], { cwd: project });
    expect(r.code).toBe(0);
    const deck = readFileSync(path.join(project, 'slides', 'braces', 'slides.md'), 'utf8');
    expect(deck).toContain('title: "{{date}} talk"');
    expect(deck).toMatch(/^date: \d{4}-\d{2}-\d{2}$/m);
    const build = runCli(['build', 'braces', '--no-pdf', '--quiet'], { cwd: project });
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    expect(readFileSync(path.join(project, 'dist', 'braces', 'index.html'), 'utf8')).toContain('{{date}} talk');
  });
});
