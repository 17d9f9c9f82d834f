// Every deck example README shows builds as written: each ```markdown block (and the front
// matter example) is a deck, built at once, with no error and no warning. The pictures an
// example names get a stand-in; png/jpg ones get an SVG body, which the build does not read.
// And every shell command it shows after the first two runs, in a fork, as a reader types it.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { SAMPLE_TALKS } from '../helpers/samples.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'kamishibai-readme-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Fenced blocks of a language, with 3 or 4 backticks (4 when the example holds a fence). */
function blocks(markdown: string, lang: string): string[] {
  return [...markdown.matchAll(new RegExp(`^(\`{3,4})${lang}\\n([\\s\\S]*?)^\\1$`, 'gm'))].map((m) => m[2]!);
}

describe("README's examples", () => {
  it('build as written, each a deck, with no error or warning', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const decks = blocks(readme, 'markdown');
    const [frontMatter] = blocks(readme, 'yaml');
    expect(decks.length).toBeGreaterThanOrEqual(6);
    expect(frontMatter).toMatch(/^---\n[\s\S]*\n---\n$/);
    const dirs = [...decks, `${frontMatter}\n# The front matter example\n`].map((text, i) => {
      const dir = path.join(tmp, `example-${i + 1}`);
      mkdirSync(dir);
      writeFileSync(path.join(dir, 'slides.md'), text);
      // The pictures an example names are the reader's own: a stand-in for each.
      for (const [, file] of text.matchAll(/(?:!\[[^\]]*\]\(|src=")([\w./-]+\.(?:svg|png|jpg))/g)) {
        mkdirSync(path.dirname(path.join(dir, file!)), { recursive: true });
        writeFileSync(path.join(dir, file!), '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"/>');
      }
      return dir;
    });
    const r = runCli(['build', ...dirs, '--out', path.join(tmp, 'out'), '--no-pdf', '--strict']);
    expect(r.stderr).not.toMatch(/warning|error/);
    expect(r.code).toBe(0);
  });
});

/**
 * A fresh fork, as README's reader starts from it: the package (its bin and scripts; the
 * engine linked in) and the two sample talks. They stand in for the real ones, which this
 * repository may no longer hold (README tells a fork to delete them), beside whatever talks
 * a fork has of its own.
 */
function fork(dir: string): string {
  mkdirSync(dir, { recursive: true });
  for (const f of ['package.json', 'templates']) cpSync(path.join(ROOT, f), path.join(dir, f), { recursive: true });
  for (const f of ['bin', 'src', 'node_modules', 'package-lock.json']) symlinkSync(path.join(ROOT, f), path.join(dir, f));
  for (const t of SAMPLE_TALKS) {
    mkdirSync(path.join(dir, 'slides', t), { recursive: true });
    writeFileSync(path.join(dir, 'slides', t, 'slides.md'), `# The sample talk ${t}\n`);
  }
  return dir;
}

describe("README's commands, as a reader types them", () => {
  it('every ```sh line after the first block runs in a fork, in order, and does what it says', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const lines = blocks(readme, 'sh')
      .slice(1)
      .flatMap((b) => b.split('\n'))
      .map((l) => l.replace(/\s+#.*$/, '').trim())
      .filter(Boolean);
    expect(lines).toEqual(expect.arrayContaining(['rm -r slides/japan-ai slides/japan-ai-en', 'npx kamishibai build ~/talks/talk.md']));
    const project = fork(path.join(tmp, 'fork'));
    const home = path.join(tmp, 'home');
    mkdirSync(path.join(home, 'talks'), { recursive: true });
    writeFileSync(path.join(home, 'talks', 'talk.md'), '---\nmarp: true\ntitle: A Marp deck\n---\n\n# A Marp deck\n\n---\n\n## Second\n');
    // The npm variables of whatever runs the tests are not the reader's.
    const env = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|INIT_CWD$)/i.test(k))), HOME: home };
    const run = (line: string) => spawnSync('sh', ['-c', line], { cwd: project, env, encoding: 'utf8', timeout: 240_000 });
    expect(run('npm run new -- my-talk --title "My talk"').status).toBe(0);
    for (const line of lines) {
      const r = run(line);
      expect(r.status, `${line}\n${r.stderr}`).toBe(0);
    }
    // The samples are gone from the talks and the list; the reader's talk and the loose deck are built.
    expect(readdirSync(path.join(project, 'slides'))).toEqual(['my-talk']);
    expect(existsSync(path.join(project, 'dist', 'my-talk', 'index.html'))).toBe(true);
    // A deck from outside the project is built beside itself.
    expect(existsSync(path.join(home, 'talks', 'dist', 'talk', 'index.html'))).toBe(true);
    const index = readFileSync(path.join(project, 'dist', 'index.html'), 'utf8');
    expect(index).toContain('href="my-talk/index.html"');
    expect(index).not.toContain('japan-ai');
  }, 600_000); // a dozen commands, each a build with its PDFs
});
