// A deck is content, not trusted code: what it names must resolve, after symlinks, inside
// its talk's folder. Each way out is an error with file and line, and nothing is written.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../helpers/fixtures.js';
import { runCliHere } from '../helpers/cli.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'kamishibai-confine-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const RED = path.join(FIXTURES, 'cli', 'good', 'images', 'red.png');

/** slides/<name>/slides.md with `body`, an images/ folder holding red.png, and an outside/ folder beside the project. */
function talk(name: string, body: string, setup?: (dir: string) => void): { project: string; deck: string } {
  const project = path.join(tmp, name);
  const dir = path.join(project, 'slides', name);
  mkdirSync(path.join(dir, 'images'), { recursive: true });
  cpSync(RED, path.join(dir, 'images', 'red.png'));
  mkdirSync(path.join(tmp, 'outside'), { recursive: true });
  writeFileSync(path.join(tmp, 'outside', 'evil.css'), 'body { color: red }\n');
  cpSync(RED, path.join(tmp, 'outside', 'secret.png'));
  writeFileSync(path.join(dir, 'slides.md'), body);
  setup?.(dir);
  return { project, deck: `slides/${name}/slides.md` };
}

async function build(project: string, ...args: string[]) {
  const r = await runCliHere(['build', '--no-pdf', ...args], { cwd: project });
  expect(r.stderr).not.toMatch(/\n\s+at /);
  return r;
}

describe('confinement: everything a deck names stays in its folder', () => {
  it('file: URLs in Markdown and raw HTML are errors with their lines', async () => {
    const { project, deck } = talk('file-urls', '# Leak\n\n![x](file:///etc/passwd)\n\n---\n\n<iframe src="file:///etc/passwd"></iframe>\n\n<object data="file:///etc/hostname"></object>\n\n[link](file:///etc/passwd)\n');
    const r = await build(project);
    expect(r.code).toBe(1);
    // The same URL in three places: one message, with every line.
    expect(r.stderr).toMatch(new RegExp(`${deck}:3:1: error: "file:///etc/passwd" is a file: URL; a deck may only use files in its own folder.*\\(also on lines 7, 11\\)`));
    expect(r.stderr).toMatch(new RegExp(`${deck}:9:1: error: "file:///etc/hostname" is a file: URL`));
    expect(r.stderr).not.toMatch(/root:/);
  });

  it('absolute paths and .. in images, iframes, media and backgrounds are errors with their lines', async () => {
    const { project, deck } = talk(
      'escapes',
      '# Out\n\n![x](/etc/passwd)\n\n<iframe src="../../../outside/evil.css"></iframe>\n\n<!-- .slide: data-background-image="../../../outside/secret.png" -->\n\n<video src="/etc/hostname"></video>\n',
    );
    const r = await build(project);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${deck}:3:1: error: file "/etc/passwd" is outside the talk's folder`);
    expect(r.stderr).toContain(`${deck}:5:1: error: file "../../../outside/evil.css" is outside the talk's folder`);
    expect(r.stderr).toContain(`${deck}:7:1: error: image "../../../outside/secret.png" is outside the talk's folder`);
    expect(r.stderr).toContain(`${deck}:9:1: error: file "/etc/hostname" is outside the talk's folder`);
  });

  it('a symlink that leads out of the folder is refused, not published', async () => {
    const { project, deck } = talk('symlink', '# Linked\n\n![x](images/passwd.png)\n', (dir) => symlinkSync('/etc/passwd', path.join(dir, 'images', 'passwd.png')));
    const r = await build(project);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${deck}:3:1: error: image "images/passwd.png" is a link to /etc/passwd, outside the talk's folder; copy the file into`);
  });

  it("a symlink that stays inside the folder is fine (it is published as the file's bytes)", async () => {
    const { project } = talk('inner-link', '# Linked\n\n![x](images/alias.png)\n', (dir) => symlinkSync('red.png', path.join(dir, 'images', 'alias.png')));
    expect((await build(project, '--quiet')).code).toBe(0);
  });

  it("a talk's deck that is a link out of its folder is refused", async () => {
    const { project } = talk('deck-link', '# x\n', (dir) => {
      rmSync(path.join(dir, 'slides.md'));
      symlinkSync('/etc/passwd', path.join(dir, 'slides.md'));
    });
    const r = await build(project);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("slides/deck-link/slides.md: error: is a link to /etc/passwd, outside its talk's folder");
  });

  it('theme, css and logo outside the folder are errors at their front-matter lines', async () => {
    const { project, deck } = talk('front', '---\ntitle: x\ntheme: ../../../outside/evil.css\ncss: /etc/passwd\nlogo: ../../../outside/secret.png\n---\n\n# x\n');
    const r = await build(project);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${deck}:3:1: error: theme file "../../../outside/evil.css" is outside the talk's folder`);
    expect(r.stderr).toContain(`${deck}:4:1: error: CSS file "/etc/passwd" is outside the talk's folder`);
    expect(r.stderr).toContain(`${deck}:5:1: error: logo "../../../outside/secret.png" is outside the talk's folder`);
    expect(r.stderr).not.toMatch(/root:/);
  });

  it("a url() in the deck's CSS that leaves the folder is an error at the CSS file's line", async () => {
    const { project } = talk('css-url', '---\ncss: brand.css\n---\n\n# x\n', (dir) => {
      writeFileSync(path.join(dir, 'brand.css'), ':root { --accent: red; }\n\nbody { background: url(../../../outside/secret.png); }\n');
    });
    const r = await build(project);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/slides\/css-url\/brand\.css:3:\d+: error: in CSS: "\.\.\/\.\.\/\.\.\/outside\/secret\.png" is outside the talk's folder/);
  });

  it('a CSS syntax error names the CSS file and line', async () => {
    const { project } = talk('css-bad', '---\ncss: brand.css\n---\n\n# x\n', (dir) => writeFileSync(path.join(dir, 'brand.css'), 'body {\n  color: red;\n  background: url(missing.png);\n}\n'));
    const r = await build(project);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/slides\/css-bad\/brand\.css:3:\d+: error: in CSS: "missing\.png" not found/);
  });

  it('a malformed %-escape and a folder named as an image are errors with their lines', async () => {
    const { project, deck } = talk('odd-names', '# x\n\n![x](images/%E0%A4%A.png)\n\n![y](images)\n');
    const r = await build(project);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${deck}:3:1: error: image "images/%E0%A4%A.png" has a malformed %-escape`);
    expect(r.stderr).toContain(`${deck}:5:1: error: file "images" is a folder, not a file`);
    expect(r.stderr).not.toMatch(/URI malformed|EISDIR/);
  });

  it('issue 20 items 6 and 22: a named pipe and a Git LFS pointer named as images say what they are, and what to run', async () => {
    const lfs = 'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n';
    const { project, deck } = talk('not-files', '# x\n\n![pipe](images/pipe.png)\n\n![lfs](images/photo.png)\n', (dir) => {
      execFileSync('mkfifo', [path.join(dir, 'images', 'pipe.png')]);
      writeFileSync(path.join(dir, 'images', 'photo.png'), lfs);
    });
    const r = await build(project);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${deck}:3:1: error: image "images/pipe.png" is a named pipe, not a file; name a regular file`);
    expect(r.stderr).toContain(`${deck}:5:1: error: image "images/photo.png" is a Git LFS pointer, not the file itself; run \`git lfs pull\``);
    expect(r.stderr).not.toMatch(/is a folder/);
  });

  it("the legacy data-background, a video's poster and an iframe page are copied like images, and checked like them", async () => {
    const { project, deck } = talk(
      'legacy',
      '# x\n\n<!-- .slide: data-background="images/bg.png" -->\n\n<iframe src="demo.html"></iframe>\n\n<video src="images/clip.mp4" poster="images/red.png"></video>\n\n<iframe src="https://example.com/embed"></iframe>\n',
      (dir) => {
        writeFileSync(path.join(dir, 'demo.html'), '<p>demo</p>');
        cpSync(RED, path.join(dir, 'images', 'bg.png'));
      },
    );
    const r = await build(project);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${deck}:7:1: error: file "images/clip.mp4" not found`);
    expect(r.stderr).toContain(`${deck}:9:1: warning: "https://example.com/embed" would be fetched from the network`);
    writeFileSync(path.join(project, 'slides', 'legacy', 'images', 'clip.mp4'), 'not really a video');
    expect((await build(project, '--quiet')).code).toBe(0);
    for (const f of ['images/bg.png', 'images/red.png', 'demo.html', 'images/clip.mp4']) expect(existsSync(path.join(project, 'dist', 'legacy', f)), f).toBe(true);
  });

  it('an iframe page is published with what it loads and links, each checked like a file the deck names', async () => {
    const page = [
      '<link rel="stylesheet" href="demo.css"><script src="app.js"></script>',
      '<img srcset="../images/red.png 1x, ../images/red.png 2x"><a href="next.html">next</a><a href="#top">top</a>',
      '<script src="https://cdn.example.com/lib.js"></script><a href="https://example.com">site</a>',
      '<img src="../../../outside/secret.png">',
    ].join('\n');
    const { project, deck } = talk('iframe-links', '# x\n\nText\n\n<iframe src="demo/index.html"></iframe>\n', (dir) => {
      mkdirSync(path.join(dir, 'demo'));
      writeFileSync(path.join(dir, 'demo', 'index.html'), page);
      writeFileSync(path.join(dir, 'demo', 'demo.css'), '@import "base.css";\nbody { background: url(bg.png) }\n');
      writeFileSync(path.join(dir, 'demo', 'base.css'), 'p { color: red }\n');
      cpSync(RED, path.join(dir, 'demo', 'bg.png'));
      writeFileSync(path.join(dir, 'demo', 'app.js'), 'console.log(1);\n');
      writeFileSync(path.join(dir, 'demo', 'next.html'), '<a href="index.html">back</a><img src="gone.png">');
    });
    const r = await build(project);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n').filter((l) => /: (error|warning): /.test(l))).toEqual([
      expect.stringContaining(`${deck}:5:1: warning: "demo/index.html" loads "https://cdn.example.com/lib.js" from the network`),
      expect.stringContaining(`${deck}:5:1: error: "demo/index.html" links a file, "../../outside/secret.png" is outside the talk's folder`),
      expect.stringContaining(`${deck}:5:1: error: "demo/next.html" links a file, "demo/gone.png" not found`),
    ]);
    writeFileSync(path.join(project, 'slides', 'iframe-links', 'demo', 'index.html'), page.split('\n').slice(0, 2).join('\n'));
    cpSync(RED, path.join(project, 'slides', 'iframe-links', 'demo', 'gone.png'));
    expect((await build(project, '--quiet')).code).toBe(0);
    for (const f of ['demo/index.html', 'demo/demo.css', 'demo/base.css', 'demo/bg.png', 'demo/app.js', 'demo/next.html', 'demo/gone.png', 'images/red.png']) {
      expect(existsSync(path.join(project, 'dist', 'iframe-links', f)), f).toBe(true);
    }
  });

  it("Marp's backgroundImage directive is a file like any other: copied when inside, refused at its line when not", async () => {
    const { project, deck } = talk('marp-bg', '---\nmarp: true\nbackgroundImage: url(images/red.png)\n---\n\n# A\n\n---\n\n<!-- backgroundImage: url(../../../outside/secret.png) -->\n\n# B\n\n---\n\n<!-- backgroundImage: url(file:///etc/passwd) -->\n\n# C\n');
    const r = await build(project);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${deck}:10:1: error: image "../../../outside/secret.png" is outside the talk's folder`);
    expect(r.stderr).toContain(`${deck}:16:1: error: "file:///etc/passwd" is a file: URL`);
    writeFileSync(path.join(project, 'slides', 'marp-bg', 'slides.md'), '---\nmarp: true\nbackgroundImage: url(images/red.png)\n---\n\n# A\n');
    expect((await build(project, '--quiet')).code).toBe(0);
    expect(existsSync(path.join(project, 'dist', 'marp-bg', 'images', 'red.png'))).toBe(true);
  });

  it("reveal-md's scripts: copied and loaded after reveal.js when inside the folder, refused at their line when not", async () => {
    const { project, deck } = talk('scripts', '---\nscripts: [demo.js, ../../../outside/evil.css]\n---\n\n# x\n', (dir) => writeFileSync(path.join(dir, 'demo.js'), 'window.demo = 1;\n'));
    const r = await build(project);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${deck}:2:1: error: script "../../../outside/evil.css" is outside the talk's folder`);
    writeFileSync(path.join(project, 'slides', 'scripts', 'slides.md'), '---\nscripts: [demo.js]\n---\n\n# x\n');
    expect((await build(project, '--quiet')).code).toBe(0);
    expect(readFileSync(path.join(project, 'dist', 'scripts', 'index.html'), 'utf8')).toMatch(/<script src="assets\/kamishibai\.js"><\/script>\n<script src="demo\.js"><\/script>/);
    expect(readFileSync(path.join(project, 'dist', 'scripts', 'demo.js'), 'utf8')).toBe('window.demo = 1;\n');
  });
});

describe('--root: a folder above the talk whose files decks may use (issue 23: ../img/x.png)', () => {
  /** slides/<name>/slides.md naming ../shared/red.png, the picture in slides/shared/. */
  const shared = (name: string, body: string) =>
    talk(name, body, (dir) => {
      mkdirSync(path.join(dir, '..', 'shared'), { recursive: true });
      cpSync(RED, path.join(dir, '..', 'shared', 'red & blue.png'));
    });

  it('without it, a picture beside the talk is refused, and the message names the flag', async () => {
    const { project, deck } = shared('no-root', '# Beside\n\n![x](../shared/red%20&%20blue.png)\n');
    const r = await build(project);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`${deck}:3:1: error: image "../shared/red%20&%20blue.png" is outside the talk's folder; move it into .* \\(or build with --root naming a folder above it that holds the file\\)\\n`));
  });

  it('marpstyle-arendt, hfut-zh: with it, the picture is published beside the deck under _root/ and the page names the copy', async () => {
    const { project } = shared('with-root', '# Beside\n\n![x](../shared/red%20&%20blue.png)\n\n<img src="../shared/red &amp; blue.png">\n');
    const r = await build(project, '--root', 'slides');
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    const page = readFileSync(path.join(project, 'dist', 'with-root', 'index.html'), 'utf8');
    expect(page.match(/src="_root\/shared\/red%20&amp;%20blue\.png"/g)).toHaveLength(2);
    expect(page).not.toContain('../shared');
    expect(readFileSync(path.join(project, 'dist', 'with-root', '_root', 'shared', 'red & blue.png'))).toEqual(readFileSync(RED));
  });

  it('still refuses what leads out of the root: .. past it, and a link to outside', async () => {
    const { project, deck } = shared('past-root', '# Out\n\n![x](../../../outside/secret.png)\n\n![y](../shared/link.png)\n');
    symlinkSync(path.join(tmp, 'outside', 'secret.png'), path.join(project, 'slides', 'shared', 'link.png'));
    const r = await build(project, '--root', 'slides');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`${deck}:3:1: error: image "../../../outside/secret.png" is outside the talk's folder; move it into slides/ so`));
    expect(r.stderr).toMatch(new RegExp(`${deck}:5:1: error: image "../shared/link.png" is a link to .*outside the talk's folder`));
    expect(existsSync(path.join(project, 'dist'))).toBe(false);
  });
});

describe('hidden files', () => {
  it("trust-b 22, a variant the re-run found: a deck at a project's root may not publish .git/config or .env; .marp/ is fine", async () => {
    const { reachInside } = await import('../../src/adapters/confine.js');
    const dir = path.join(tmp, 'root-deck');
    mkdirSync(path.join(dir, '.git'), { recursive: true });
    writeFileSync(path.join(dir, '.git', 'config'), '[http]\n  extraheader = AUTHORIZATION: basic TOKEN\n');
    writeFileSync(path.join(dir, '.env'), 'SECRET=1\n');
    cpSync(RED, path.join(dir, 'red.png'));
    for (const name of ['.git/config', './.env', 'images/../.git/config']) {
      const reached = await reachInside(dir, name, 'image');
      expect('problem' in reached && reached.problem, name).toMatch(/is in \.(git|env), a hidden file or folder: a repository's or a tool's own settings \(credentials among them\), which a deck never publishes/);
    }
    expect('file' in (await reachInside(dir, 'red.png', 'image'))).toBe(true);
    // The third re-run's variant: tools' credential files beside a deck at a project's root (or in a home folder).
    // And any tool's, named on no list (a hidden folder inside a deck's own folder too).
    for (const name of ['.envrc', '.git-credentials', '.yarnrc.yml', '.config/gh/hosts.yml', '.terraformrc', '.dev.vars', '.cargo/credentials.toml', '.fly/config.yml', '.vercel/project.json', 'images/.some-new-tool/token', '.MARP-not/x.css']) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), 'token: FAKE\n');
      const reached = await reachInside(dir, name, 'image');
      expect('problem' in reached && reached.problem, name).toMatch(/a hidden file or folder: a repository's or a tool's own settings .*hidden folders but \.marp, \.github, \.vuepress, \.vitepress are refused/);
    }
    // A few hidden folders are decks' and sites' own: Marp decks keep their themes in .marp/.
    for (const name of ['.marp/theme.css', '.github/logo.png', '.vuepress/public/a.png', '.vitepress/b.png']) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), '/* @theme t */\n');
      expect('file' in (await reachInside(dir, name, 'file')), name).toBe(true);
    }
    // A deck kept in a hidden folder uses its own files, and, under --root, its neighbours'.
    const drafts = path.join(dir, 'talks', '.drafts', 'next');
    mkdirSync(drafts, { recursive: true });
    cpSync(RED, path.join(drafts, 'red.png'));
    cpSync(RED, path.join(dir, 'talks', 'shared.png'));
    expect('file' in (await reachInside(drafts, 'red.png', 'image'))).toBe(true);
    expect('file' in (await reachInside(drafts, '../../shared.png', 'image', path.join(dir, 'talks')))).toBe(true);
    expect(await reachInside(drafts, '../../../.env', 'image', dir)).toMatchObject({ problem: expect.stringMatching(/is in \.env, a hidden file/) });
  });
});
