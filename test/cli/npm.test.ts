// The commands as a user types them through npm: `npm run build -- ...` from a talk's folder
// (paths are the user's, read from where npm was run), a forgotten `--` (npm keeps the
// flags: refused, never dropped), and `npx kamishibai` (package.json's bin).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { invocation, keptByNpm, keptMessage, npmIsQuiet, spelled } from '../../src/cli/npm.js';
import { ROOT } from '../helpers/cli.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'kamishibai-npm-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A project as a fork has it: the package (its bin and scripts; the engine linked in) and one talk. */
function project(name: string): string {
  const dir = path.join(tmp, name);
  mkdirSync(path.join(dir, 'slides', 'my-talk'), { recursive: true });
  for (const f of ['package.json', 'templates']) cpSync(path.join(ROOT, f), path.join(dir, f), { recursive: true });
  for (const f of ['bin', 'src', 'node_modules', 'package-lock.json']) symlinkSync(path.join(ROOT, f), path.join(dir, f));
  writeFileSync(path.join(dir, 'slides', 'my-talk', 'slides.md'), '---\ntitle: My talk\n---\n\n# My talk\n\n---\n\n## Second\n');
  return dir;
}

// Each of these tests starts npm (about a second on an idle machine, far more on a loaded CI
// box) and then Kamishibai: a test's time is the spawned commands', so the limit is generous.
const SLOW = 240_000;

/** npm or npx as typed in `cwd`, with none of the npm variables of whatever ran the tests. */
function npm(bin: 'npm' | 'npx', args: string[], cwd: string) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|INIT_CWD$)/i.test(k)));
  const r = spawnSync(bin, args, { cwd, encoding: 'utf8', env, timeout: SLOW - 20_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('issue 21: npm run, from a talk folder', () => {
  const dir = project('from-talk');
  const talk = path.join(dir, 'slides', 'my-talk');

  it('`npm run build -- slides.md` builds the talk of that folder into the project\'s dist/', () => {
    const r = npm('npm', ['run', 'build', '--', 'slides.md', '--no-pdf'], talk);
    expect(r.stderr).toMatch(/built 1 talk/);
    expect(r.code).toBe(0);
    expect(existsSync(path.join(dir, 'dist', 'my-talk', 'index.html'))).toBe(true);
    expect(existsSync(path.join(talk, 'dist'))).toBe(false);
  }, SLOW);

  it('`npm run build -- . --out site` reads both paths from that folder', () => {
    const out = path.join(tmp, 'from-talk-out');
    mkdirSync(out);
    const r = npm('npm', ['run', 'build', '--', '.', '--no-pdf', '--out', '../../../from-talk-out/site'], talk);
    expect(r.code).toBe(0);
    expect(existsSync(path.join(out, 'site', 'my-talk', 'index.html'))).toBe(true);
  }, SLOW);

  it('a deck that is not there is named as typed, relative to that folder', () => {
    const r = npm('npm', ['run', 'build', '--', 'nothing.md', '--no-pdf'], talk);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^nothing\.md: error: no such deck, folder or talk/m);
  }, SLOW);

  it('`npm run new -- other` from a talk folder makes slides/other in the project', () => {
    const r = npm('npm', ['run', 'new', '--', 'other'], talk);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}npm run dev -- other +# edit with live reload$/m);
    expect(existsSync(path.join(dir, 'slides', 'other', 'slides.md'))).toBe(true);
  }, SLOW);
});

describe('issue 21: a forgotten -- (npm keeps the flags)', () => {
  const dir = project('forgotten');

  it('`npm run build my-talk --single-file` refuses, exit 2, with the command to type, and builds nothing', () => {
    const r = npm('npm', ['run', 'build', 'my-talk', '--single-file'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('npm took --single-file for itself, so Kamishibai never saw it; nothing was done. Options for Kamishibai go after --, as in:\n  npm run build -- my-talk --single-file\n');
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  }, SLOW);

  it('flags npm reads as its own one-letter ones (--png), and --no-pdf, are caught too', () => {
    const r = npm('npm', ['run', 'build', 'my-talk', '--png', '--no-pdf'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('npm run build -- my-talk --no-pdf --png');
  }, SLOW);

  it('`--quiet` and `--silent`, which npm keeps as its own loglevel, make the build quiet too', () => {
    const r = npm('npm', ['run', 'build', 'my-talk', '--quiet'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/built|note:/);
    expect(existsSync(path.join(dir, 'dist', 'my-talk', 'index.html'))).toBe(true);
    expect(npmIsQuiet({ npm_config_loglevel: 'warn' })).toBe(true);
    expect(npmIsQuiet({ npm_config_loglevel: 'notice' })).toBe(false);
    expect(npmIsQuiet({})).toBe(false);
  }, SLOW);

  it('a flag whose value npm passed on as a deck: the command with a placeholder', () => {
    const r = npm('npm', ['run', 'build', 'my-talk', '--out', 'site'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('npm took --out for itself and passed its value on as if it were a deck');
    expect(r.stderr).toContain('npm run build -- <decks> --out DIR');
  }, SLOW);
});

describe('issue 21: npx kamishibai (package.json bin)', () => {
  const dir = project('npx');
  const talk = path.join(dir, 'slides', 'my-talk');

  it('`npx kamishibai build slides.md` from a talk folder builds into the project', () => {
    const r = npm('npx', ['kamishibai', 'build', 'slides.md', '--no-pdf', '--notes'], talk);
    expect(r.stderr).toMatch(/built 1 talk/);
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(dir, 'dist', 'my-talk', 'my-talk-notes.md'), 'utf8')).toMatch(/^# My talk/);
  }, SLOW);

  it('`npx kamishibai build ~/talks/talk.md` from the project writes dist/ beside the deck, not into the project', () => {
    const loose = path.join(tmp, 'elsewhere', 'talks');
    mkdirSync(loose, { recursive: true });
    writeFileSync(path.join(loose, 'talk.md'), '# A loose deck\n\n---\n\n## Second\n');
    const r = npm('npx', ['kamishibai', 'build', path.join(loose, 'talk.md'), '--no-pdf'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(path.join(loose, 'dist', 'talk', 'index.html'))).toBe(true);
    expect(existsSync(path.join(dir, 'dist', 'talk'))).toBe(false);
  }, SLOW);

  it('`npx kamishibai --version` and `npx kamishibai build --help`', () => {
    expect(npm('npx', ['kamishibai', '--version'], dir).stdout).toBe(`kamishibai ${(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version}\n`);
    const help = npm('npx', ['kamishibai', 'build', '--help'], dir).stdout;
    expect(help).toMatch(/^Usage: npx kamishibai build /);
    expect(help).not.toContain('--lang');
  }, SLOW);
});

describe('invocation and keptByNpm', () => {
  it('a test or script that npm started, which starts Kamishibai, is not taken for an npm run of Kamishibai', () => {
    const env = { npm_lifecycle_event: 'test', npm_lifecycle_script: 'bash scripts/test.sh', INIT_CWD: '/elsewhere', npm_package_json: '/p/package.json' };
    expect(invocation(env, '/p')).toEqual({ root: '/p', here: '/p' });
    const ours = { ...env, npm_lifecycle_event: 'slides', npm_lifecycle_script: 'kamishibai build --strict' };
    expect(invocation(ours, '/p')).toEqual({ root: '/p', here: '/elsewhere', script: 'slides', scriptArgs: 1 });
  });

  it('spells another command as this one was typed: npm run, npx, or the installed command', () => {
    expect(spelled({ root: '/p', here: '/p', script: 'present' }, 'build', ['my talk', '--out', 'site'])).toBe("npm run build -- 'my talk' --out site");
    expect(spelled({ root: '/p', here: '/p', script: 'slides' }, 'build', ['x'])).toBe('npx kamishibai build x');
    expect(spelled({ root: '/p', here: '/p', npx: true }, 'dev', ['x'])).toBe('npx kamishibai dev x');
    expect(spelled({ root: '/p', here: '/p' }, 'new', [], '<talk-name>')).toBe('kamishibai new <talk-name>');
  });

  it('reads npm_config_ as npm writes it: true, false (--no-x), a value, or a value lost', () => {
    const kept = keptByNpm({ npm_config_single_file: 'true', npm_config_pdf: '', npm_config_theme: 'moon', npm_config_out: 'true', npm_config_long: 'true', npm_config_cache: '/x' });
    expect(kept).toEqual([{ name: 'out' }, { name: 'theme', value: 'moon' }, { name: 'no-pdf' }, { name: 'single-file' }, { name: 'lang' }]);
    expect(keptMessage('build', [{ name: 'theme', value: 'dark one' }], ['my talk'])).toContain("npm run build -- 'my talk' --theme 'dark one'");
  });
});
