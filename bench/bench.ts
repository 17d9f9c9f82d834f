// npm run bench: Kamishibai against marp-cli on generated 30- and 200-slide Japanese decks
// (HTML, slide PDF, PDF with PowerPoint),
// whole processes, medians of several runs after a warm-up, the two tools in turn. Prints a
// table; asserts nothing (these machines are noisy): the numbers go into the closing notes.
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeDecks } from './decks.js';
import { peakMemory } from './memory.js';
import { writeTalks } from '../test/helpers/talks.js';
import { findBrowser } from '../src/browser/find.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'bin', 'kamishibai.mjs');
const MARP = path.join(ROOT, 'node_modules', '@marp-team', 'marp-cli', 'marp-cli.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const only = process.argv.slice(2);

function time(cmd: string[], env: NodeJS.ProcessEnv = {}, cwd = ROOT): number {
  const started = performance.now();
  const r = spawnSync(cmd[0]!, cmd.slice(1), { encoding: 'utf8', env: { ...process.env, ...env }, cwd });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`${cmd.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return ms;
}

const medianOf = (runs: number[]) => [...runs].sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;

/**
 * Median time of each command. The two are run in turn (A, B, A, B, ...) after a warm-up
 * of each, so that a slow spell of this shared machine weighs on both alike.
 */
function medians(a: string[], b: string[] | undefined, env?: NodeJS.ProcessEnv): [number, number] {
  time(a, env); // warm-up: caches, disk, JIT
  if (b) time(b, env);
  const ra: number[] = [];
  const rb: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    ra.push(time(a, env));
    if (b) rb.push(time(b, env));
  }
  return [medianOf(ra), b ? medianOf(rb) : NaN];
}

const rows: string[][] = [];
function compare(label: string, ours: string[], marp: string[] | undefined, env?: NodeJS.ProcessEnv) {
  const [a, b] = medians(ours, marp, env);
  rows.push([label, `${(a / 1000).toFixed(2)} s`, marp ? `${(b / 1000).toFixed(2)} s` : '-', marp ? (a / b).toFixed(2) : '-']);
  process.stderr.write(`${label}: ${(a / 1000).toFixed(2)} s${marp ? ` vs marp ${(b / 1000).toFixed(2)} s` : ''}\n`);
}

const dir = mkdtempSync(path.join(tmpdir(), 'kamishibai-bench-'));
try {
  const browser = findBrowser();
  const env = browser ? { CHROME_PATH: browser, PUPPETEER_EXECUTABLE_PATH: browser } : {};
  for (const n of [30, 200]) {
    const deck = writeDecks(dir, n);
    const out = path.join(dir, `out-${n}`);
    if (only.length === 0 || only.includes('html')) {
      compare(`HTML, ${n} slides`, ['node', CLI, 'build', deck.kamishibai, '--no-pdf', '--quiet', '--force', '--out', out], ['node', MARP, deck.marp, '-o', path.join(dir, `marp-${n}.html`)], env);
    }
    if (browser && (only.length === 0 || only.includes('pdf'))) {
      compare(
        `slide PDF only, ${n} slides`,
        ['node', CLI, 'build', deck.kamishibai, '--quiet', '--no-handout', '--force', '--out', out],
        ['node', MARP, deck.marp, '--pdf', '--allow-local-files', '-o', path.join(dir, `marp-${n}.pdf`)],
        env,
      );
      compare(`PDF + handout + og.png, ${n} slides`, ['node', CLI, 'build', deck.kamishibai, '--quiet', '--force', '--out', out], undefined, env);
    }
    // A PNG a slide beside the slide PDF (marp-cli's --images png), at 30 slides: ~0.1 s a picture.
    if (browser && n === 30 && (only.length === 0 || only.includes('png'))) {
      compare(
        `slide PDF + a PNG a slide, ${n} slides`,
        ['node', CLI, 'build', deck.kamishibai, '--quiet', '--no-handout', '--png', '--force', '--out', out],
        ['node', MARP, deck.marp, '--images', 'png', '--allow-local-files', '-o', path.join(dir, `marp-${n}.png`)],
        env,
      );
    }
    // The PowerPoint file beside the slide PDF (marp-cli's --pptx: a picture a slide).
    if (browser && (only.length === 0 || only.includes('pptx'))) {
      compare(
        `slide PDF + PowerPoint, ${n} slides`,
        ['node', CLI, 'build', deck.kamishibai, '--quiet', '--no-handout', '--pptx', '--force', '--out', out],
        ['node', MARP, deck.marp, '--pptx', '--allow-local-files', '-o', path.join(dir, `marp-${n}.pptx`)],
        env,
      );
    }
  }
  if (only.length === 0 || only.includes('dev')) {
    const edits = await devReload(dir);
    rows.push(['dev: save -> reload message, 200 slides (median of 20)', `${edits.median.toFixed(1)} ms`, '-', `max ${edits.max.toFixed(1)} ms`]);
    rows.push(['dev: the same, each edit adding a new kanji (median of 10)', `${edits.newChar.toFixed(1)} ms`, '-', `max ${edits.newCharMax.toFixed(1)} ms`]);
    rows.push(['dev: PDF, first request (starts Chromium)', `${(edits.pdfCold / 1000).toFixed(2)} s`, '-', '-']);
    rows.push(['dev: PDF, requested right after an edit (warm browser)', `${(edits.pdfWarm / 1000).toFixed(2)} s`, '-', '-']);
    rows.push(['dev: PDF, requested a few seconds after an edit', `${(edits.pdfReady / 1000).toFixed(3)} s`, '-', '-']);
    process.stderr.write(`dev reload: median ${edits.median.toFixed(1)} ms, max ${edits.max.toFixed(1)} ms; PDF ${edits.pdfCold.toFixed(0)} ms cold, ${edits.pdfWarm.toFixed(0)} ms warm\n`);
  }
  if (only.length === 0 || only.includes('hostile')) hostile(dir);
  if (browser && (only.length === 0 || only.includes('talk'))) {
    compare('npm run build (every talk, HTML + both PDFs)', ['node', CLI, 'build', '--quiet', '--force', '--out', path.join(dir, 'dist')], undefined, env);
  }
  if (only.length === 0 || only.includes('floor')) floor(browser, env);
  if (browser && (only.length === 0 || only.includes('talks'))) manyTalks(dir, env);
  if (browser && (only.length === 0 || only.includes('huge'))) {
    for (const n of [1_000, 10_000]) await huge(dir, n, env);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** What no build can go under: Node's start, the CLI's (modules loaded, no work), Chromium's start and close. */
function floor(browser: string | undefined, env: NodeJS.ProcessEnv) {
  compare('floor: node -e 0', ['node', '-e', '0'], undefined);
  compare('floor: kamishibai --version (the CLI loaded)', ['node', CLI, '--version'], undefined);
  if (browser) {
    const launch = `import('puppeteer-core').then(async ({ default: p }) => (await p.launch({ executablePath: ${JSON.stringify(browser)}, args: ['--no-sandbox'] })).close())`;
    compare('floor: Chromium started and closed (puppeteer-core)', ['node', '-e', launch], undefined, env);
  }
}

/**
 * 30 generated talks of six slides each, with their PDFs: a build from nothing, one with
 * nothing changed, and one after editing a talk (medians of 3).
 */
function manyTalks(dir: string, env: NodeJS.ProcessEnv) {
  const project = path.join(dir, 'many');
  writeTalks(project, 30);
  const cmd = (...extra: string[]) => ['node', CLI, 'build', '--quiet', '--out', path.join(project, 'dist'), ...extra];
  const run = (label: string, before: (i: number) => void, extra: string[] = []) => {
    const times = [0, 1, 2].map((i) => {
      before(i);
      // In the generated project: from this repository's folder, `build` would build its own two talks.
      return time(cmd(...extra), env, project);
    });
    return [label, medianOf(times)] as const;
  };
  const full = run('30 talks (6 slides, HTML + PDFs): every talk (--force)', () => {}, ['--force']);
  const none = run('30 talks: nothing changed', () => {});
  const one = run('30 talks: one talk edited', (i) => appendFileSync(path.join(project, 'slides', 'talk-07', 'slides.md'), `\n---\n\n# Edit ${i}\n`));
  for (const [label, ms] of [full, none, one]) {
    rows.push([label, `${(ms / 1000).toFixed(2)} s`, '-', label === full[0] ? '-' : `${Math.round((100 * ms) / full[1])} % of full`]);
    process.stderr.write(`${label}: ${(ms / 1000).toFixed(2)} s\n`);
  }
}

/**
 * One huge deck, HTML and slide PDF: time and peak memory (the process tree's, Chromium's,
 * and its largest process's). With --large, which 10,000 slides need (past the usual 2,000),
 * and a long browser-step limit: on a busy machine a 1,000-slide deck's print passes the
 * default 120 s, and the point here is to measure it.
 */
async function huge(dir: string, n: number, env: NodeJS.ProcessEnv) {
  const deck = writeDecks(path.join(dir, 'huge'), n);
  const r = await peakMemory(['node', CLI, 'build', deck.kamishibai, '--quiet', '--no-handout', '--force', '--large', '--timeout', '1800', '--out', path.join(dir, `huge-out-${n}`)], { ...process.env, ...env }, ROOT);
  const gb = (b: number) => `${(b / 2 ** 30).toFixed(2)} GB`;
  rows.push([`${n.toLocaleString('en')} slides, HTML + slide PDF`, `${(r.ms / 1000).toFixed(1)} s`, '-', `peak ${gb(r.tree)} (tree), ${gb(r.children)} (Chromium), ${gb(r.largest)} (largest process)${r.status === 0 ? '' : `; exit ${r.status}`}`]);
  process.stderr.write(`${n} slides: ${(r.ms / 1000).toFixed(1)} s, peak ${gb(r.tree)} tree, ${gb(r.children)} Chromium, ${gb(r.largest)} largest\n`);
}

/**
 * Decks built to stall or crash a Markdown parser, each near the 2 MB limit: how long the
 * build takes to refuse them (or to build the ones that are big but legal), one run each.
 */
function hostile(dir: string) {
  const decks: Record<string, string> = {
    '*a x 950,000 in one paragraph': '*a'.repeat(950_000),
    '_a x 1000, 900 paragraphs': Array.from({ length: 900 }, () => '_a'.repeat(1000)).join('\n\n'),
    '[a](b) x 300,000': '[a](b)'.repeat(300_000),
    '- x 50,000 (nested lists)': `${'- '.repeat(50_000)}x`,
    '> x 50,000 (nested quotes)': `${'>'.repeat(50_000)} x`,
    'a list 1,400 levels deep by indent': Array.from({ length: 1400 }, (_, i) => `${' '.repeat(2 * i)}- a`).join('\n'),
    '<div> x 50,000': `${'<div>'.repeat(50_000)}x${'</div>'.repeat(50_000)}`,
    '.element comments x 60,000 (builds)': '<!-- .element: class="x" -->\n'.repeat(60_000),
    '100,000 slides (refused past 2,000)': '---\n# a\n'.repeat(100_000),
    'Marp: 200,000 unclosed comments (builds)': `---\nmarp: true\n---\n\n${'<!-- a\n'.repeat(200_000)}`,
    'Slidev: 200,000 unclosed comments (one paragraph, refused)': `---\nlayout: cover\n---\n\n${'x <!-- a\n'.repeat(200_000)}`,
    'Marp: 90,000 global directives in comments (builds)': `---\nmarp: true\n---\n\n${'<!-- theme: gaia -->\n'.repeat(90_000)}`,
    'Slidev: <a x 200,000 on one line': `---\nlayout: cover\n---\n\n${'<a '.repeat(200_000)}`,
    'Slidev: {{ x 200,000 on one line': `---\nlayout: cover\n---\n\n${'{{ '.repeat(200_000)}`,
    'Slidev: 50,000 slide settings blocks (refused past 2,000 slides)': `---\nlayout: cover\n---\n\n${'---\nlayout: center\n---\n\nx\n'.repeat(50_000)}`,
  };
  for (const [label, body] of Object.entries(decks)) {
    const folder = path.join(dir, 'hostile', String(rows.length));
    const file = path.join(folder, 'slides.md');
    mkdirSync(folder, { recursive: true });
    writeFileSync(file, `# T\n\n${body}\n`);
    const started = performance.now();
    const r = spawnSync('node', [CLI, 'build', file, '--no-pdf', '--quiet', '--out', path.join(dir, 'hostile-out', String(rows.length))], { encoding: 'utf8', cwd: ROOT });
    const ms = performance.now() - started;
    rows.push([`hostile: ${label}`, `${(ms / 1000).toFixed(2)} s`, '-', r.status === 0 ? 'built' : 'refused']);
    process.stderr.write(`hostile ${label}: ${(ms / 1000).toFixed(2)} s, exit ${r.status}\n`);
  }
}

/**
 * The dev server on the 200-slide deck: time from writing a one-slide edit to the moment
 * the server's reload message reaches a client, 20 edits after 3 to warm up, then 10 that
 * each bring in a new kanji; then the PDFs on request.
 */
async function devReload(dir: string): Promise<{ median: number; max: number; newChar: number; newCharMax: number; pdfCold: number; pdfWarm: number; pdfReady: number }> {
  const { serve } = await import('../src/server/dev.js');
  const { talkSource } = await import('../src/run/talks.js');
  const { readFileSync, writeFileSync } = await import('node:fs');
  const { request } = await import('node:http');
  const deck = writeDecks(path.join(dir, 'dev'), 200).kamishibai;
  const server = await serve({ talk: talkSource(deck), port: 0 });
  const waiters: ((t: number) => void)[] = [];
  const url = new URL(`${server.url}/__kamishibai/events`);
  await new Promise<void>((ready) => {
    request({ host: url.hostname, port: url.port, path: url.pathname }, (res) => {
      res.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('"reload"')) waiters.shift()?.(performance.now());
      });
      ready();
    }).end();
  });
  const original = readFileSync(deck, 'utf8');
  const times: number[] = [];
  for (let i = 0; i < 23; i++) {
    const reloaded = new Promise<number>((resolve) => waiters.push(resolve));
    // One slide's bullet changes, as when the speaker rewords a line.
    const edited = original.replace('## 100.', `## 100. (${i})`);
    const started = performance.now();
    writeFileSync(deck, edited);
    const at = await reloaded;
    if (i >= 3) times.push(at - started);
  }
  // Edits that bring in a character the deck did not use yet: its fonts are cut again.
  const fresh = [...'鯨鰯鱒鮭鯛鰻鮪鰹鯵鯖鰤鱈鮫鮎鯉'].filter((c) => !original.includes(c));
  const newChar: number[] = [];
  for (const [i, ch] of fresh.slice(0, 10).entries()) {
    const reloaded = new Promise<number>((resolve) => waiters.push(resolve));
    const started = performance.now();
    writeFileSync(deck, original.replace('## 100.', `## 100. ${fresh.slice(0, i + 1).join('')}${ch}`));
    newChar.push((await reloaded) - started);
  }
  // The PDF on request: the first starts Chromium; after an edit, the browser is warm.
  const fetchPdf = async () => {
    const started = performance.now();
    await new Promise<void>((done) => request({ host: url.hostname, port: url.port, path: `/k200/k200.pdf` }, (res) => res.resume().on('end', () => done())).end());
    return performance.now() - started;
  };
  const pdfCold = await fetchPdf();
  const reloaded = new Promise<number>((resolve) => waiters.push(resolve));
  writeFileSync(deck, original.replace('## 100.', '## 100. (pdf)'));
  await reloaded;
  const pdfWarm = await fetchPdf();
  // As a speaker uses it: edit, keep working a few seconds, then open the PDF.
  const again = new Promise<number>((resolve) => waiters.push(resolve));
  writeFileSync(deck, original.replace('## 100.', '## 100. (later)'));
  await again;
  await new Promise((r) => setTimeout(r, 6000));
  const pdfReady = await fetchPdf();
  await server.close();
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, max: times.at(-1)!, newChar: medianOf(newChar), newCharMax: Math.max(...newChar), pdfCold, pdfWarm, pdfReady };
}

const header = ['case', 'Kamishibai', 'marp-cli', 'ratio'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
for (const r of [header, ...rows]) process.stdout.write(`${r.map((c, i) => c.padEnd(widths[i]!)).join('  ')}\n`);
