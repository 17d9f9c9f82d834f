// The CLI as a process of its own: the bin starts (--version), and what `present` prints, and to what.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../helpers/fixtures.js';
import { CLI, ROOT, runCli, runCliHere } from '../helpers/cli.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'kamishibai-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the bin', () => {
  it('--version prints the package\'s version', () => {
    const r = runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`kamishibai ${(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version}\n`);
  });
});

describe('what a build loads', () => {
  it('an HTML build loads no HTTP server (the dev server, the browser\'s refusing proxy): only the commands that use one load it', () => {
    // Node's own list of the built-in modules the process loaded, written as it exits.
    const probe = path.join(tmp, 'loaded.mjs');
    writeFileSync(probe, "process.on('exit', () => process.stderr.write(`loaded: ${process.moduleLoadList.join(',')}\\n`));\n");
    const loaded = (args: string[]) => {
      const r = spawnSync('node', ['--import', pathToFileURL(probe).href, CLI, ...args], { encoding: 'utf8', cwd: ROOT });
      expect(r.status, r.stderr).toBe(0);
      return /loaded: (.*)/.exec(r.stderr)![1]!.split(',');
    };
    const html = loaded(['build', path.join(FIXTURES, 'cli', 'good'), '--no-pdf', '--quiet', '--out', path.join(tmp, 'loads-html')]);
    expect(html).not.toContain('NativeModule http');
    expect(loaded(['--version'])).not.toContain('NativeModule http');
    // The probe sees it where it is loaded: check starts Chromium behind the refusing proxy.
    expect(loaded(['check', path.join(FIXTURES, 'cli', 'good'), '--quiet'])).toContain('NativeModule http');
  });

  it('a PDF build loads PowerPoint\'s packages (~1 MB of modules) only for a deck that asks for PowerPoint', () => {
    // Every module Node resolves, as a loader hook sees it, written to a file from the hook's thread.
    const hooks = path.join(tmp, 'resolve-hooks.mjs');
    const probe = path.join(tmp, 'resolve-probe.mjs');
    writeFileSync(hooks, "import { appendFileSync } from 'node:fs';\nexport async function resolve(spec, context, next) {\n  const r = await next(spec, context);\n  appendFileSync(process.env.RESOLVED_LOG, `${r.url}\\n`);\n  return r;\n}\n");
    writeFileSync(probe, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
    const resolved = (name: string, args: string[]) => {
      const log = path.join(tmp, `${name}.log`);
      const r = spawnSync('node', ['--import', pathToFileURL(probe).href, CLI, 'build', path.join(FIXTURES, 'cli', 'good'), '--quiet', '--no-handout', '--out', path.join(tmp, name), ...args], { encoding: 'utf8', cwd: ROOT, env: { ...process.env, RESOLVED_LOG: log } });
      expect(r.status, r.stderr).toBe(0);
      return readFileSync(log, 'utf8');
    };
    const pdf = resolved('loads-pdf', []);
    expect(pdf).not.toContain('/pptxgenjs/');
    expect(resolved('loads-pptx', ['--pptx'])).toContain('/pptxgenjs/');
    // Of Puppeteer, its DevTools client alone (src/browser/cdp.ts): none of its launchers,
    // WebDriver BiDi or the browser downloader (QuickJS, yargs), 2.4 MB of code, in any file loaded.
    const files = pdf.split('\n').filter((url) => url.startsWith('file:')).map((url) => readFileSync(fileURLToPath(url), 'utf8'));
    expect(files.some((text) => text.includes('CdpBrowser'))).toBe(true);
    for (const name of ['BidiBrowser', 'quickjs', 'yargs']) expect(files.filter((text) => text.includes(name)).length, name).toBe(0);
  }, 120_000);
});

describe('present, started from the CLI', () => {
  it('present writes its QR code (terminal escapes) only to a terminal', async () => {
    const project = path.join(tmp, 'present-log');
    cpSync(path.join(FIXTURES, 'cli', 'good'), path.join(project, 'slides', 'good'), { recursive: true });
    expect((await runCliHere(['build', 'good', '--no-pdf', '--quiet'], { cwd: project })).code).toBe(0);
    const text = await presenting(['good'], project);
    expect(text).toMatch(/you \(keep it to yourself\): http:\/\/\S+token=/);
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/\x1b\[|▀|▄|█/);
  });
});

describe('issue 21 items 1 and 7: a loose deck, presented from its folder', () => {
  it('its dist/ beside it is no "change after the build"; a deck saved later is, with the command to type', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'kamishibai-loose-present-'));
    try {
      writeFileSync(path.join(home, 'talk.md'), '# My talk\n\n---\n\n## Second\n');
      const past = new Date(Date.now() - 3600_000);
      utimesSync(path.join(home, 'talk.md'), past, past);
      expect((await runCliHere(['build', 'talk.md', '--no-pdf', '--quiet'], { cwd: home })).code).toBe(0);
      const fresh = await presenting(['talk.md'], home);
      expect(fresh).toMatch(/^presenting talk /m);
      expect(fresh).not.toMatch(/changed after this build/);
      const later = new Date(Date.now() + 3600_000);
      utimesSync(path.join(home, 'talk.md'), later, later);
      expect(await presenting(['talk.md'], home)).toMatch(/^warning: talk\.md changed after this build; run kamishibai build talk\.md to present the changes/m);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});

/** What `present` prints (stderr) as the user runs it in `cwd`, up to its addresses and whatever follows them at once; then stopped. */
async function presenting(args: string[], cwd: string): Promise<string> {
  const child = spawn(process.execPath, [CLI, 'present', ...args, '--host', '127.0.0.1', '--port', '0'], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  let text = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => {
      text += d.toString();
      if (/token=\S+\n/.test(text)) setTimeout(resolve, 500);
    });
    child.on('exit', (code) => reject(new Error(`present exited with ${code}: ${text}`)));
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  return text;
}
