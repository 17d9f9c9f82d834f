import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cases, expectFile, FIXTURES } from '../helpers/fixtures.js';
import { ROOT, runCliHere } from '../helpers/cli.js';
import { build, formatDiagnostic } from '../../src/index.js';
import { leftovers, snapshot } from '../helpers/tree.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'kamishibai-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** An output folder holding a previous build (with its manifest), to check a failed build leaves it alone. */
function previousOutput(name: string): string {
  const out = path.join(tmp, name);
  mkdirSync(path.join(out, 'old-talk'), { recursive: true });
  writeFileSync(path.join(out, 'old-talk', 'index.html'), 'previous build');
  writeFileSync(path.join(out, '.kamishibai-output.json'), JSON.stringify({ talks: { 'old-talk': ['index.html'] }, index: [] }));
  return out;
}

function expectUntouched(out: string) {
  expect(readdirSync(out).sort()).toEqual(['.kamishibai-output.json', 'old-talk']);
  expect(readFileSync(path.join(out, 'old-talk', 'index.html'), 'utf8')).toBe('previous build');
  expect(leftovers(out)).toEqual([]);
}

describe('bad input: one clear diagnostic per problem', () => {
  for (const name of cases('cli').filter((c) => c !== 'good')) {
    it(`${name}: exactly the expected diagnostics, nothing written, previous output intact`, async () => {
      const out = previousOutput(`out-${name}`);
      const result = await build({ inputs: [path.relative(ROOT, path.join(FIXTURES, 'cli', name))], outDir: out, pdf: false });
      expect(result.ok).toBe(false);
      expect(result.written).toBe(false);
      expectFile('cli', name, 'expected.txt', result.diagnostics.map((d) => `${formatDiagnostic(d)}\n`).join(''));
      expectUntouched(out);
    });
  }

  it('through the CLI: the same lines, then the summary, exit 1, no stack trace', async () => {
    const r = await runCliHere(['build', 'test/fixtures/cli/many-problems', '--out', previousOutput('out-cli'), '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`${readFileSync(path.join(FIXTURES, 'cli', 'many-problems', 'expected.txt'), 'utf8')}build failed: 3 error(s), 0 warning(s); previous output left as it was\n`);
  });

  it('a front-matter typo fails before Chromium is started (so a missing browser is never even looked for)', async () => {
    mkdirSync(path.join(tmp, 'typo'));
    const deck = path.join(tmp, 'typo', 'slides.md');
    writeFileSync(deck, '---\ntitel: x\n---\n\n# x\n');
    const r = await runCliHere(['build', deck, '--out', path.join(tmp, 'typo-out'), '--browser-path', '/nonexistent/chrome']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/typo\/slides\.md:2:1: error: unknown front-matter key "titel"; did you mean "title"\?/);
    expect(r.stderr).not.toMatch(/browser/);
  });

  it('one YAML slip is reported once, without a cascade from the slides that use what it broke', async () => {
    mkdirSync(path.join(tmp, 'slip'));
    const deck = path.join(tmp, 'slip', 'slides.md');
    writeFileSync(deck, `---\ntitle: "unclosed\nparts: [a, b]\n---\n${Array.from({ length: 7 }, (_, i) => `\n<!-- part: 1 -->\n## S${i}\n`).join('\n---\n')}`);
    const r = await runCliHere(['build', deck, '--out', path.join(tmp, 'slip-out'), '--no-pdf', '--quiet']);
    expect(r.code).toBe(1);
    const errors = r.stderr.split('\n').filter((l) => l.includes(': error: '));
    expect(errors.filter((l) => /invalid YAML/.test(l))).toHaveLength(1);
    expect(errors.filter((l) => /names a part/.test(l))).toHaveLength(1);
  });

  it('a Handlebars syntax error names the template and its line', async () => {
    const project = path.join(tmp, 'broken-templates');
    cpSync(path.join(ROOT, 'templates'), path.join(project, 'templates'), { recursive: true });
    cpSync(path.join(FIXTURES, 'cli', 'good'), path.join(project, 'slides', 'good'), { recursive: true });
    writeFileSync(path.join(project, 'templates', 'layouts', 'default.hbs'), '<div>\n{{#if content}}\n{{{content}}}\n</div>\n');
    const out = previousOutput('out-hbs');
    const r = await runCliHere(['build', '--out', out, '--quiet'], { cwd: project });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^templates\/layouts\/default\.hbs:\d+:1: error: Handlebars syntax error/m);
    expectUntouched(out);
  });

  it('a mistyped flag or command is one line with the nearest real one, exit 2', async () => {
    const flag = await runCliHere(['build', '--pdf-fragment']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toBe('unknown option --pdf-fragment; did you mean --pdf-fragments? --help lists the options\n');
    const command = await runCliHere(['bulid']);
    expect(command.code).toBe(2);
    expect(command.stderr).toBe('unknown command "bulid"; did you mean "build"? commands: build, check, dev, present, new, index (--help shows how to use them)\n');
  });

  it('a talk is named by its folder name as well as by its path, and a wrong name gets a suggestion', async () => {
    const project = path.join(tmp, 'names');
    cpSync(path.join(FIXTURES, 'cli', 'good'), path.join(project, 'slides', 'good'), { recursive: true });
    expect((await runCliHere(['build', 'good', '--no-pdf', '--quiet'], { cwd: project })).code).toBe(0);
    expect(existsSync(path.join(project, 'dist', 'good', 'index.html'))).toBe(true);
    const typo = await runCliHere(['check', 'goood'], { cwd: project });
    expect(typo.code).toBe(1);
    expect(typo.stderr).toMatch(/^goood: error: no such deck, folder or talk; did you mean "good"\?$/m);
  });
});

describe('CLI: good input', () => {
  const good = path.relative(ROOT, path.join(FIXTURES, 'cli', 'good'));

  it('builds a deck with its image, talk list, and no diagnostics', async () => {
    const out = path.join(tmp, 'good-out');
    const r = await runCliHere(['build', good, '--out', out, '--no-pdf']);
    expect(r.stderr).toMatch(/built 1 talk/);
    expect(r.code).toBe(0);
    expect(existsSync(path.join(out, 'good', 'index.html'))).toBe(true);
    expect(statSync(path.join(out, 'good', 'images', 'red.png')).size).toBeGreaterThan(0);
    const index = readFileSync(path.join(out, 'index.html'), 'utf8');
    expect(index).toContain('href="good/index.html"');
    expect(index).toContain('Good deck');
    expect(index).toContain('Test meetup');
    const page = readFileSync(path.join(out, 'good', 'index.html'), 'utf8');
    expect(page).toMatch(/<html lang="en">/);
    expect(page).toMatch(/<meta property="og:title" content="Good deck">/);
    expect(page).not.toMatch(/https?:\/\//);
  });

  it('gives byte-identical output for the same input', async () => {
    const a = path.join(tmp, 'same-a');
    const b = path.join(tmp, 'same-b');
    // The HTML here; the PDFs' own determinism is tested with the browser (e2e/pdf.test.ts).
    expect((await runCliHere(['build', good, '--out', a, '--quiet', '--no-pdf'])).code).toBe(0);
    expect((await runCliHere(['build', good, '--out', b, '--quiet', '--no-pdf'])).code).toBe(0);
    expect(snapshot(a)).toEqual(snapshot(b));
  });

  it('rebuilding replaces the old output of that talk, and only what a build made', async () => {
    const out = path.join(tmp, 'rebuild');
    expect((await runCliHere(['build', good, '--out', out, '--quiet', '--no-pdf'])).code).toBe(0);
    const before = snapshot(out);
    expect((await runCliHere(['build', good, '--out', out, '--quiet', '--no-pdf'])).code).toBe(0);
    expect(snapshot(out)).toEqual(before);
    expect(Object.keys(before)).toContain('.kamishibai-output.json');
  });

  it('--help lists every flag', async () => {
    const r = await runCliHere(['--help']);
    expect(r.code).toBe(0);
    for (const flag of ['--out', '--strict', '--quiet', '--debug', '--help']) expect(r.stdout).toContain(flag);
  });
});

describe('issue 21 item 10: --help, --version, and errors that are the user\'s', () => {
  it('`kamishibai build --help` shows build and only its options; --help lists the reveal.js themes', async () => {
    const build = await runCliHere(['build', '--help']);
    expect(build.code).toBe(0);
    expect(build.stdout).toMatch(/^Usage: npx kamishibai build /);
    for (const flag of ['--out', '--no-pdf', '--single-file', '--strict']) expect(build.stdout).toContain(flag);
    for (const flag of ['--lang', '--host', '--open']) expect(build.stdout).not.toContain(flag);
    const present = (await runCliHere(['present', '-h'])).stdout;
    // One command's help does not say which commands an option is for ("dev and present:").
    expect(present).toMatch(/--host HOST +Address to listen on/);
    expect(present).toMatch(/--port PORT +First port to try/);
    expect((await runCliHere(['new', '--help'])).stdout).toMatch(/--title TEXT +The talk's title/);
    expect((await runCliHere(['--help'])).stdout).toMatch(/--host HOST +dev and present: address to listen on/);
    expect(present).not.toContain('--theme');
    expect((await runCliHere(['--help'])).stdout).toMatch(/--theme NAME[\s\S]*a reveal.js theme \(white, beige,[\s\S]*moon, night, dracula, black-contrast\)/);
  });

  it('a flag a command does nothing with is refused, not ignored', async () => {
    const r = await runCliHere(['dev', '--png']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('--png is not an option of dev; kamishibai dev --help lists its options\n');
  });

  it('present of a talk not built yet: the fix in one line, not "run with --debug" as for a crash', async () => {
    const project = path.join(tmp, 'unbuilt');
    cpSync(path.join(FIXTURES, 'cli', 'good'), path.join(project, 'slides', 'good'), { recursive: true });
    const r = await runCliHere(['present', 'good', '--port', '0', '--host', '127.0.0.1'], { cwd: project });
    expect(r.code).toBe(1);
    // The command to type, spelled as this one was typed and naming the talk (it said `npm run build -- <talk>`).
    expect(r.stderr).toMatch(/^error: no built deck in .*; build it first \(kamishibai build good\)\n$/);
    expect(r.stderr).not.toMatch(/--debug/);
  });

  it('a talk without url: is told what that leaves out, the QR code of its address among it (issue 21)', async () => {
    const r = await runCliHere(['build', path.join(FIXTURES, 'cli', 'good'), '--out', path.join(tmp, 'homeless'), '--no-pdf']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/note: good has no url: link previews need an absolute og:image, the canonical link is left out, and a <!-- qr --> of the talk's address draws nothing; set url: or pass --base-url/);
  });

  it('`help build` is `build --help`; present takes one talk and says so when given two', async () => {
    expect((await runCliHere(['help', 'build'])).stdout).toBe((await runCliHere(['build', '--help'])).stdout);
    const r = await runCliHere(['present', 'a', 'b']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('one talk at a time: got "a", "b"\n');
  });

});

describe('issue 21 item 1: a loose deck\'s folder, a command without the deck\'s name', () => {
  const home = mkdtempSync(path.join(tmpdir(), 'kamishibai-loose-names-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));
  writeFileSync(path.join(home, 'talk.md'), '# My talk\n');

  it('build and dev with no name offer the deck that is there; no npm run to someone who typed kamishibai', async () => {
    for (const command of ['build', 'dev']) {
      const r = await runCliHere([command], { cwd: home });
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('slides: error: no slides/ folder here; name the deck after the command: talk.md\n' + (command === 'build' ? 'build failed: 1 error(s), 0 warning(s); previous output left as it was\n' : ''));
    }
  });

  it('present talk (the name it is built under) suggests talk.md', async () => {
    const r = await runCliHere(['present', 'talk'], { cwd: home });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('talk: error: no such deck, folder or talk; did you mean "talk.md"?\n');
  });
});

describe('issue 21 item 2: the installed command, from a talk\'s folder', () => {
  it('`kamishibai build .` in slides/<talk>/ builds into the project\'s dist/ with its kamishibai.config.ts, as npm run does', async () => {
    const project = path.join(tmp, 'installed');
    cpSync(path.join(FIXTURES, 'cli', 'good'), path.join(project, 'slides', 'good'), { recursive: true });
    writeFileSync(path.join(project, 'kamishibai.config.ts'), "export default { deck: { footer: 'from the config' } };\n");
    const talk = path.join(project, 'slides', 'good');
    const r = await runCliHere(['build', '.', '--no-pdf', '--quiet'], { cwd: talk });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(existsSync(path.join(talk, 'dist'))).toBe(false);
    expect(readFileSync(path.join(project, 'dist', 'good', 'index.html'), 'utf8')).toContain('from the config');
  });
});

